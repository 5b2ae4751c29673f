-- Claims a room for a node unless a live node holds it (its entry's node, or another leg's).
-- KEYS[1] the room entry; ARGV: prefix, member ({ns}:{roomId}), node id, worker, since (epoch ms)
-- Returns {'held', node, worker, since} | {'claimed', node, worker, since} | {'claimant-not-live'}
local member, id, worker, since = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local entry = redis.call('HMGET', KEYS[1], 'node', 'worker', 'since')
local owner = entry[1]
if not is_live(owner) and redis.call('EXISTS', legs_key(member)) == 1 then
  settle(member)
  entry = redis.call('HMGET', KEYS[1], 'node', 'worker', 'since')
  owner = entry[1]
end
if is_live(owner) then
  return {'held', owner, entry[2], entry[3]}
end
if not is_live(id) then
  return {'claimant-not-live'}
end
assign(member, owner, id, worker, since)
return {'claimed', id, worker, since}
