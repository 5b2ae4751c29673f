-- Removes a node at once, for a clean shutdown. The index entry stays: the next sweep reports
-- the departure, so the node's rooms get purged.
-- KEYS[1] the node key; ARGV: prefix. Returns 1 if the node was registered, else 0.
local removed = redis.call('DEL', KEYS[1])
if removed == 1 then
  bump_generation()
end
return removed
