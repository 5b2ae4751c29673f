-- Re-writes a node's own rooms unless another live node holds them by now; in the cascade variant
-- a room another live node holds gets the node's part back as a leg instead.
-- ARGV: prefix, node id, since (epoch ms), '1' for legs (cascade) else '0', then pairs of member, worker.
-- Returns the members held by another live node (never any with legs).
local id, since, as_legs = ARGV[2], ARGV[3], ARGV[4] == '1'
local conflicts = {}
for i = 5, #ARGV, 2 do
  local member, worker = ARGV[i], ARGV[i + 1]
  local entry = redis.call('HMGET', room_key(member), 'node', 'worker')
  local owner = entry[1]
  local own_leg = redis.call('HGET', legs_key(member), id)
  if owner == id then
    if entry[2] ~= worker or redis.call('HGET', rooms_key(id), member) ~= worker then
      assign(member, id, id, worker, since)
    end
  elseif own_leg then
    local leg = unpack_leg(id, own_leg)
    if leg[2] ~= worker then
      redis.call('HSET', legs_key(member), id, pack_leg(worker, leg[3], leg[4]))
      index(id, member, worker)
    end
    settle(member)
  else
    if not is_live(owner) then
      settle_if_legs(member)
      owner = redis.call('HGET', room_key(member), 'node')
    end
    if not is_live(owner) then
      assign(member, owner, id, worker, since)
    elseif as_legs then
      redis.call('HSET', legs_key(member), id, pack_leg(worker, since, '0'))
      index(id, member, worker)
    else
      conflicts[#conflicts + 1] = member
    end
  end
end
return conflicts
