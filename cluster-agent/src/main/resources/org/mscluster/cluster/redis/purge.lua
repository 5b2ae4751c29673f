-- Deletes the room entries and legs still pointing at a departed node, and its index; an entry
-- removed while its room has another live leg is replaced by the oldest such leg.
-- KEYS[1] the node key; ARGV: prefix, node id. Returns the number removed, or -1 if the node is live.
local id = ARGV[2]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return -1
end
local removed = 0
for _, member in ipairs(redis.call('HKEYS', rooms_key(id))) do
  if redis.call('HGET', room_key(member), 'node') == id then
    redis.call('DEL', room_key(member))
    removed = removed + 1
    settle_if_legs(member)
  elseif redis.call('HDEL', legs_key(member), id) == 1 then
    removed = removed + 1
  end
end
redis.call('DEL', rooms_key(id), workers_key(id))
return removed
