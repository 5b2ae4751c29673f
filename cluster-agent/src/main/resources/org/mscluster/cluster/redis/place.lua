-- The dispatcher's whole decision in one step: where the room lives if a live node holds it,
-- otherwise a claim for the node the caller chose, written only if the caller chose it from a
-- current view of the registry.
-- KEYS[1] the room entry
-- ARGV: prefix, member ({ns}:{roomId}), the generation of the caller's view, '1' to be answered the
--       room's legs (cascade) else '0', then, when the caller has a proposal: node id, worker, since (epoch ms)
-- Returns, the registry's current generation always second:
--   {'held', generation, node, worker, since}
--   {'held', generation, node, worker, since, peers, node, worker, since, peers, ...}
--       when the legs were asked for: every live leg, the entry first
--   {'claimed', generation, node, worker, since, worker, rooms, worker, rooms, ...}
--       (the claimant's room count per worker, this room included)
--   {'stale', generation}        the registry changed since the caller's view: refresh, choose again
--   {'absent', generation}       the room is free and the caller proposed nothing
--   {'unavailable', generation}  the proposed node is gone or draining
local member, seen, with_legs = ARGV[2], ARGV[3], ARGV[4] == '1'
local entry = redis.call('HMGET', KEYS[1], 'node', 'worker', 'since')
local owner = entry[1]
local generation = current_generation()
-- Asked once: a join of a held room (most decisions) is three commands, and each costs the server.
local live = is_live(owner)
if not live and redis.call('EXISTS', legs_key(member)) == 1 then
  -- The entry's node is gone, but another leg's may not be: then that leg holds the room.
  settle(member)
  entry = redis.call('HMGET', KEYS[1], 'node', 'worker', 'since')
  owner = entry[1]
  live = is_live(owner)
end
if live then
  if with_legs then
    local reply = {'held', generation}
    for _, v in ipairs(settle(member)) do
      reply[#reply + 1] = v
    end
    return reply
  end
  return {'held', generation, owner, entry[2], entry[3]}
end
if generation ~= seen then
  return {'stale', generation}
end
local id = ARGV[5]
if not id then
  return {'absent', generation}
end
-- No state field means no node key: the lease ran out.
if redis.call('HGET', node_key(id), 'state') ~= 'UP' then
  return {'unavailable', generation}
end
local worker, since = ARGV[6], ARGV[7]
-- A cascading placer sends the claiming peer to the new room: its leg starts with one peer.
assign(member, owner, id, worker, since, with_legs and '1' or '0')
local reply = {'claimed', generation, id, worker, since}
for _, v in ipairs(redis.call('HGETALL', workers_key(id))) do
  reply[#reply + 1] = v
end
return reply
