-- A node's one write a second: its load (and the load's brief, placement's few figures of it), its
-- rooms (an empty string leaves them as they are: the caller writes them when they changed or every
-- few seconds), and the extension of its lease, if the node is still registered.
-- KEYS[1] the node key, KEYS[2] the node index set; ARGV: prefix, node id, load, rooms (deflated), lease ms,
-- load brief, room totals (what the rooms add up to per namespace, every second: summaries read them)
-- Returns 0 when the node is unknown (lease lapsed or data lost): the caller registers again.
if redis.call('HEXISTS', KEYS[1], 'identity') == 0 then
  return 0
end
if ARGV[4] == '' then
  redis.call('HSET', KEYS[1], 'load', ARGV[3])
else
  redis.call('HSET', KEYS[1], 'load', ARGV[3], 'rooms-deflated', ARGV[4])
end
if ARGV[6] then
  redis.call('HSET', KEYS[1], 'brief', ARGV[6])
else
  -- An older version's refresh: a brief left from before would be stale, so placers read the load.
  redis.call('HDEL', KEYS[1], 'brief')
end
if ARGV[7] then
  redis.call('HSET', KEYS[1], 'totals', ARGV[7])
else
  -- An older version's refresh: totals left from before would be stale, so readers add up its rooms.
  redis.call('HDEL', KEYS[1], 'totals')
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
-- A sweeper may have dropped the id from the index in the instant before this refresh.
redis.call('SADD', KEYS[2], ARGV[2])
return 1
