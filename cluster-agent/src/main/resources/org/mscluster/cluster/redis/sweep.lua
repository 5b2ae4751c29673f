-- Removes a node from the index if its lease has run out; each departure is reported once.
-- KEYS[1] the node index set, KEYS[2] the node key; ARGV: prefix, node id. Returns 1 if removed.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
return redis.call('SREM', KEYS[1], ARGV[2])
