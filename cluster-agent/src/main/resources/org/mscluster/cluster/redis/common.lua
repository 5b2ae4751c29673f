-- Shared by every script of org.mscluster.cluster.redis; the key layout is documented in KeySpace.java.
-- Every script receives the key prefix as ARGV[1].
--
-- Rooms and their legs (cascade): room:{member} is the room's entry, its primary leg (node, worker,
-- since, peers); room-legs:{member} holds its other legs, node -> 'worker/since/peers'. A node has
-- at most one leg of a room: the entry's node never appears in room-legs. Every leg, the entry
-- included, is indexed in its node's node-rooms / node-workers. A room is held while any leg's node
-- is live; settle() drops dead legs and, if the entry's node is dead, promotes the oldest live leg.
local prefix = ARGV[1]

local function node_key(id) return prefix .. 'node:' .. id end
local function room_key(member) return prefix .. 'room:' .. member end
local function rooms_key(id) return prefix .. 'node-rooms:' .. id end
local function workers_key(id) return prefix .. 'node-workers:' .. id end
local function legs_key(member) return prefix .. 'room-legs:' .. member end
local generation_key = prefix .. 'generation'

local function is_live(id)
  return id and redis.call('EXISTS', node_key(id)) == 1
end

-- Drops a room from a node's index and its worker's count, using the index's own worker
-- number so the count stays equal to the index whatever the room entry says.
local function unindex(id, member)
  local worker = redis.call('HGET', rooms_key(id), member)
  if worker then
    redis.call('HDEL', rooms_key(id), member)
    if redis.call('HINCRBY', workers_key(id), worker, -1) <= 0 then
      redis.call('HDEL', workers_key(id), worker)
    end
  end
end

local function index(id, member, worker)
  unindex(id, member)
  redis.call('HSET', rooms_key(id), member, worker)
  redis.call('HINCRBY', workers_key(id), worker, 1)
end

-- Points a room at a node, moving it out of the previous owner's index; the node keeps no other
-- leg of the room (never two legs on one node).
local function assign(member, previous_owner, id, worker, since, peers)
  if previous_owner then
    unindex(previous_owner, member)
  end
  redis.call('HDEL', legs_key(member), id)
  redis.call('HSET', room_key(member), 'node', id, 'worker', worker, 'since', since, 'peers', peers or '0')
  index(id, member, worker)
end

local function pack_leg(worker, since, peers)
  return worker .. '/' .. since .. '/' .. peers
end

-- {node, worker, since, peers} from a room-legs value.
local function unpack_leg(id, value)
  local worker, since, peers = string.match(value, '^([^/]*)/([^/]*)/([^/]*)$')
  return {id, worker, since, peers}
end

-- The room's live legs as a flat list node, worker, since, peers, ... with the entry first and the
-- others oldest first; empty when no live node holds the room. Drops the legs of departed nodes
-- (and their index entries) and, when the entry's node has departed but another leg's has not,
-- makes the oldest live leg the entry: a room with a live leg is never free.
local function settle(member)
  local rk, lk = room_key(member), legs_key(member)
  local entry = redis.call('HMGET', rk, 'node', 'worker', 'since', 'peers')
  local owner = entry[1]
  local legs = {}
  local flat = redis.call('HGETALL', lk)
  for i = 1, #flat, 2 do
    local id = flat[i]
    if is_live(id) then
      legs[#legs + 1] = unpack_leg(id, flat[i + 1])
    else
      redis.call('HDEL', lk, id)
      unindex(id, member)
    end
  end
  table.sort(legs, function(a, b)
    local sa, sb = tonumber(a[3]), tonumber(b[3])
    if sa ~= sb then return sa < sb end
    return a[1] < b[1]
  end)
  local out
  if is_live(owner) then
    out = {owner, entry[2], entry[3], entry[4] or '0'}
  elseif #legs > 0 then
    local heir = table.remove(legs, 1)
    if owner then
      unindex(owner, member)
    end
    redis.call('HDEL', lk, heir[1])
    -- The heir's index entry stays as it is: same node, same worker.
    redis.call('HSET', rk, 'node', heir[1], 'worker', heir[2], 'since', heir[3], 'peers', heir[4])
    out = {heir[1], heir[2], heir[3], heir[4]}
  else
    return {}
  end
  for _, leg in ipairs(legs) do
    for _, v in ipairs(leg) do
      out[#out + 1] = v
    end
  end
  return out
end

-- settle() only when the room has other legs: a room without cascade costs no extra command.
local function settle_if_legs(member)
  if redis.call('EXISTS', legs_key(member)) == 1 then
    settle(member)
  end
end

-- The registry's generation as a string, '0' before the first change.
local function current_generation()
  return redis.call('GET', generation_key) or '0'
end

-- Marks a change of the registry's membership or of a node's state, so that placers with a cached
-- view of the nodes notice it on their next claim. A missing counter (a Redis that restarted
-- empty) starts from the server clock in microseconds rather than from 0, so a placer can never
-- mistake a generation seen before the restart for a current one.
local function bump_generation()
  if redis.call('EXISTS', generation_key) == 0 then
    local now = redis.call('TIME')
    redis.call('SET', generation_key, now[1] .. string.format('%06d', tonumber(now[2])))
  end
  return redis.call('INCR', generation_key)
end
