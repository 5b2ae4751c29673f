-- Removes a node's leg of a room, if it has one: the entry (then the oldest live other leg, if
-- any, becomes the entry) or another leg.
-- KEYS[1] the room entry; ARGV: prefix, member, node id. Returns 1 when removed, else 0.
local member, id = ARGV[2], ARGV[3]
if redis.call('HGET', KEYS[1], 'node') == id then
  redis.call('DEL', KEYS[1])
  unindex(id, member)
  settle_if_legs(member)
  return 1
end
if redis.call('HDEL', legs_key(member), id) == 1 then
  unindex(id, member)
  return 1
end
return 0
