-- Records node events in the outbox together with what they announce, if ARGV[2] still holds the lease:
-- an event is never announced without being in the outbox, nor in the outbox without being announced.
-- KEYS: 1 lease, 2 known (hash node id -> identity JSON with state), 3 outbox (sorted set event id ->
-- sequence), 4 outbox events (hash event id -> JSON), 5 sequence counter.
-- ARGV: prefix, owner, node id, identity JSON ('' forgets the node), then event id, event JSON pairs.
-- Returns 1 when recorded, 0 when the owner no longer holds the lease.
if redis.call('GET', KEYS[1]) ~= ARGV[2] then
  return 0
end
if ARGV[4] == '' then
  redis.call('HDEL', KEYS[2], ARGV[3])
else
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
end
for i = 5, #ARGV, 2 do
  local seq = redis.call('INCR', KEYS[5])
  redis.call('ZADD', KEYS[3], seq, ARGV[i])
  redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1])
end
return 1
