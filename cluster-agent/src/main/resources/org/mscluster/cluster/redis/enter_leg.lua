-- A cascading placer's second step: one peer enters a room that has live legs, into the leg a node
-- has ('join'), or into a new leg on a node ('open'), checked as place.lua checks a claim.
-- KEYS[1] the room entry
-- ARGV: prefix, member, 'join' or 'open', node id, then for 'open': the generation of the caller's
--       view, worker, since (epoch ms)
-- Returns {outcome, generation, n, n legs as node, worker, since, peers (the entry first), then for
--   'opened' and 'claimed' the node's room count per worker as worker, rooms, ...}; outcome is
--   'joined'      the node's live leg counts one more peer (asked to open: the node had one already)
--   'opened'      a new leg was written, with this peer
--   'claimed'     the room had no live leg: the node now holds its entry, with this peer
--   'gone'        asked to join a leg that is not live any more
--   'free'        asked to join, but no live node holds the room
--   'stale'       asked to open, but the registry changed since the caller's view
--   'unavailable' asked to open on a node that is gone or draining
local member, mode, id = ARGV[2], ARGV[3], ARGV[4]
local generation = current_generation()
local legs = settle(member)

local function reply(outcome, counts_of)
  local out = {outcome, generation, tostring(#legs / 4)}
  for _, v in ipairs(legs) do
    out[#out + 1] = tostring(v)
  end
  if counts_of then
    for _, v in ipairs(redis.call('HGETALL', workers_key(counts_of))) do
      out[#out + 1] = v
    end
  end
  return out
end

for i = 1, #legs, 4 do
  if legs[i] == id then
    local peers
    if i == 1 then
      peers = redis.call('HINCRBY', KEYS[1], 'peers', 1)
    else
      peers = tonumber(legs[i + 3]) + 1
      redis.call('HSET', legs_key(member), id, pack_leg(legs[i + 1], legs[i + 2], peers))
    end
    legs[i + 3] = tostring(peers)
    return reply('joined')
  end
end
if mode ~= 'open' then
  if #legs == 0 then
    return reply('free')
  end
  return reply('gone')
end
if generation ~= ARGV[5] then
  return reply('stale')
end
if redis.call('HGET', node_key(id), 'state') ~= 'UP' then
  return reply('unavailable')
end
local worker, since = ARGV[6], ARGV[7]
if #legs == 0 then
  assign(member, redis.call('HGET', KEYS[1], 'node'), id, worker, since, '1')
  legs = {id, worker, since, '1'}
  return reply('claimed', id)
end
redis.call('HSET', legs_key(member), id, pack_leg(worker, since, '1'))
index(id, member, worker)
legs = settle(member) -- in order again, the new leg among the others by age
return reply('opened', id)
