-- Registers a node and starts its lease.
-- KEYS[1] the node key, KEYS[2] the node index set; ARGV: prefix, node id, identity, state, load, rooms, lease ms
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'identity', ARGV[3], 'state', ARGV[4], 'load', ARGV[5], 'rooms', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SADD', KEYS[2], ARGV[2])
bump_generation()
return 1
