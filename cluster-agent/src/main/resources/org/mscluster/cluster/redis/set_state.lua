-- Changes a registered node's state, keeping its lease. KEYS[1] the node key; ARGV: prefix, state.
if redis.call('HEXISTS', KEYS[1], 'identity') == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
return 1
