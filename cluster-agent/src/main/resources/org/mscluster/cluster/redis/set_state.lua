-- Changes a registered node's state, keeping its lease. KEYS[1] the node key; ARGV: prefix, state.
if redis.call('HEXISTS', KEYS[1], 'identity') == 0 then
  return 0
end
if redis.call('HGET', KEYS[1], 'state') ~= ARGV[2] then
  redis.call('HSET', KEYS[1], 'state', ARGV[2])
  bump_generation()
end
return 1
