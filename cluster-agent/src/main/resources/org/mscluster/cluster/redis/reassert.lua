-- Re-writes a node's own rooms unless another live node holds them by now.
-- ARGV: prefix, node id, since (epoch ms), then pairs of member, worker.
-- Returns the members held by another live node.
local id, since = ARGV[2], ARGV[3]
local conflicts = {}
for i = 4, #ARGV, 2 do
  local member, worker = ARGV[i], ARGV[i + 1]
  local entry = redis.call('HMGET', room_key(member), 'node', 'worker')
  local owner = entry[1]
  if owner == id then
    if entry[2] ~= worker or redis.call('HGET', rooms_key(id), member) ~= worker then
      assign(member, id, id, worker, since)
    end
  elseif is_live(owner) then
    conflicts[#conflicts + 1] = member
  else
    assign(member, owner, id, worker, since)
  end
end
return conflicts
