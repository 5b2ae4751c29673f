-- Registers a node and starts its lease.
-- KEYS[1] the node key, KEYS[2] the node index set
-- ARGV: prefix, node id, identity, state, load, rooms (deflated; see reports.lua), lease ms, load brief (placement's figures of
--       the load; absent from older versions, whose nodes placers read in full), room totals (see refresh.lua; absent
--       from older versions, whose rooms summaries add up)
-- The node's 'stamp' names its identity text (the start of its SHA-1), so a placer reads a node's
-- identity again only when its stamp is new to it; a state change, in its own field, keeps it.
redis.call('DEL', KEYS[1])
bump_generation()
redis.call('HSET', KEYS[1], 'identity', ARGV[3], 'state', ARGV[4], 'load', ARGV[5], 'rooms-deflated', ARGV[6])
if ARGV[8] then
  redis.call('HSET', KEYS[1], 'brief', ARGV[8], 'stamp', string.sub(redis.sha1hex(ARGV[3]), 1, 16))
end
if ARGV[9] then
  redis.call('HSET', KEYS[1], 'totals', ARGV[9])
end
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
