-- Some nodes' whole reports: for each id of ARGV[2..] whose node key still exists, {id, identity, state,
-- load, rooms}. Nodes whose lease ran out are skipped (the sweeper removes them from the index). The
-- caller asks a few nodes per call: a node's room list may be half a megabyte, and the server runs
-- other clients' commands (placements) only between calls.
-- The rooms are 'rooms-deflated' (this version: deflated JSON in Base64) or, from a node of an older
-- version, 'rooms' (JSON); the reader tells them apart. An older reader finds no 'rooms' in a newer
-- node's report and shows the node without rooms until it is upgraded.
-- ARGV: prefix, node ids...
local out = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local fields = redis.call('HMGET', node_key(id), 'identity', 'state', 'load', 'rooms-deflated', 'rooms')
  if fields[1] and fields[3] then
    out[#out + 1] = {id, fields[1], fields[2] or 'UP', fields[3], fields[4] or fields[5] or '[]'}
  end
end
return out
