-- Removes a room's entry if the given node holds it.
-- KEYS[1] the room entry; ARGV: prefix, member, node id. Returns 1 when removed, else 0.
local member, id = ARGV[2], ARGV[3]
if redis.call('HGET', KEYS[1], 'node') ~= id then
  return 0
end
redis.call('DEL', KEYS[1])
unindex(id, member)
return 1
