-- Some nodes' whole reports, as many of ARGV[3..] as fit in about ARGV[2] bytes of room lists (at least
-- one): {consumed, {id, identity, state, load, rooms}, ...}, where consumed counts the ids looked at;
-- the caller asks again from there. Nodes whose lease ran out are skipped (the sweeper removes them
-- from the index). A node's room list may be half a megabyte, and the server runs other clients'
-- commands (placements) only between calls: the budget bounds how long one call holds it.
-- The rooms are 'rooms-deflated' (this version: deflated JSON in Base64) or, from a node of an older
-- version, 'rooms' (JSON); the reader tells them apart. An older reader finds no 'rooms' in a newer
-- node's report and shows the node without rooms until it is upgraded.
-- ARGV: prefix, byte budget, node ids...
local budget = tonumber(ARGV[2])
local out = {0}
local bytes = 0
for i = 3, #ARGV do
  if i > 3 and bytes >= budget then
    break
  end
  local fields = redis.call('HMGET', node_key(ARGV[i]), 'identity', 'state', 'load', 'rooms-deflated', 'rooms')
  out[1] = i - 2
  if fields[1] and fields[3] then
    local rooms = fields[4] or fields[5] or '[]'
    bytes = bytes + #rooms
    out[#out + 1] = {ARGV[i], fields[1], fields[2] or 'UP', fields[3], rooms}
  end
end
return out
