-- Gives a lease up, if ARGV[2] holds it. KEYS[1] the lease key; ARGV: prefix, owner.
if redis.call('GET', KEYS[1]) == ARGV[2] then
  return redis.call('DEL', KEYS[1])
end
return 0
