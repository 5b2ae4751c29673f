-- A node's report of the peers its leg of a room serves: overwrites the leg's count.
-- ARGV: prefix, member, node id, peers. Returns 1 when the node has a leg of the room, else 0.
local member, id, peers = ARGV[2], ARGV[3], ARGV[4]
if redis.call('HGET', room_key(member), 'node') == id then
  redis.call('HSET', room_key(member), 'peers', peers)
  return 1
end
local value = redis.call('HGET', legs_key(member), id)
if not value then
  return 0
end
local leg = unpack_leg(id, value)
redis.call('HSET', legs_key(member), id, pack_leg(leg[2], leg[3], peers))
return 1
