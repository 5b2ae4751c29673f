-- Some nodes as a placer reads them, small: for each id of ARGV[2..] whose node key exists
--   {id, stamp, state, brief}                 written by this version (register.lua with a brief)
--   {id, '', state, load, identity}           written by an older one: the whole load and identity
-- ('' for a missing state, which reads as UP). Ids whose lease ran out are left out. The caller
-- reads a node's identity only when its stamp is new to it, so a read of a thousand nodes is a
-- few hundred bytes each rather than a kilobyte of load and identity JSON.
-- ARGV: prefix, node ids...
local out = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local key = node_key(id)
  local f = redis.call('HMGET', key, 'stamp', 'state', 'brief')
  if f[1] and f[3] then
    out[#out + 1] = {id, f[1], f[2] or '', f[3]}
  else
    local old = redis.call('HMGET', key, 'identity', 'state', 'load')
    if old[1] and old[3] then
      out[#out + 1] = {id, '', old[2] or '', old[3], old[1]}
    end
  end
end
return out
