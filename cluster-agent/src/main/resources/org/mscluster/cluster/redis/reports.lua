-- Every live node's whole report in one round trip: for each id of the index whose node key still
-- exists, {id, identity, state, load, rooms}. Nodes whose lease ran out are skipped (the sweeper
-- removes them from the index). The rooms are 'rooms-deflated' (this version: deflated JSON in Base64)
-- or, from a node of an older version, 'rooms' (JSON); the reader tells them apart. An older reader
-- finds no 'rooms' in a newer node's report and shows the node without rooms until it is upgraded.
-- KEYS[1] the node index set; ARGV: prefix
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local fields = redis.call('HMGET', node_key(id), 'identity', 'state', 'load', 'rooms-deflated', 'rooms')
  if fields[1] and fields[3] then
    out[#out + 1] = {id, fields[1], fields[2] or 'UP', fields[3], fields[4] or fields[5] or '[]'}
  end
end
return out
