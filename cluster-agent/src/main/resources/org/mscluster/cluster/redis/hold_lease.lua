-- Takes a lease when nobody holds it, renews it when ARGV[2] holds it.
-- KEYS[1] the lease key; ARGV: prefix, owner, lease ms. Returns 1 when the owner holds it now.
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[2] then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
