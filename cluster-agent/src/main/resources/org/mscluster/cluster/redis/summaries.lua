-- Some nodes' reports without their rooms, as many of ARGV[3..] as fit in about ARGV[2] bytes:
-- {consumed, {id, identity, state, load, 't', totals}, ...}, where consumed counts the ids looked at;
-- the caller asks again from there. A node of an older version writes no 'totals': its row carries
-- its room list instead, {id, identity, state, load, 'r', rooms}, for the caller to add up (and the
-- budget counts it, as reports.lua does). Nodes whose lease ran out are skipped.
-- ARGV: prefix, byte budget, node ids...
local budget = tonumber(ARGV[2])
local out = {0}
local bytes = 0
for i = 3, #ARGV do
  if i > 3 and bytes >= budget then
    break
  end
  out[1] = i - 2
  local key = node_key(ARGV[i])
  local f = redis.call('HMGET', key, 'identity', 'state', 'load', 'totals')
  if f[1] and f[3] then
    local kind, value = 't', f[4]
    if not value then
      local rooms = redis.call('HMGET', key, 'rooms-deflated', 'rooms')
      kind, value = 'r', rooms[1] or rooms[2] or '[]'
    end
    bytes = bytes + #f[1] + #f[3] + #value
    out[#out + 1] = {ARGV[i], f[1], f[2] or 'UP', f[3], kind, value}
  end
end
return out
