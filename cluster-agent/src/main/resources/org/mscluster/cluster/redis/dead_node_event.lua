-- Moves an event whose delivery was given up from the outbox to the dead letters (newest first, the
-- last ARGV[3] kept), with why. KEYS: 1 outbox (sorted set), 2 outbox events (hash), 3 dead letters (list).
-- ARGV: prefix, event id, how many dead letters to keep, why as a JSON object (reason, attempts, at).
-- A dead letter is {"letter": why, "event": the event's JSON}. Returns 1 when it was in the outbox.
local json = redis.call('HGET', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('HDEL', KEYS[2], ARGV[2])
if not json then
  return 0
end
redis.call('LPUSH', KEYS[3], '{"letter":' .. ARGV[4] .. ',"event":' .. json .. '}')
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[3]) - 1)
return 1
