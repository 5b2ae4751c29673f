-- Shared by every script of org.mscluster.cluster.redis; the key layout is documented in KeySpace.java.
-- Every script receives the key prefix as ARGV[1].
local prefix = ARGV[1]

local function node_key(id) return prefix .. 'node:' .. id end
local function room_key(member) return prefix .. 'room:' .. member end
local function rooms_key(id) return prefix .. 'node-rooms:' .. id end
local function workers_key(id) return prefix .. 'node-workers:' .. id end
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

-- Points a room at a node, moving it out of the previous owner's index.
local function assign(member, previous_owner, id, worker, since)
  if previous_owner then
    unindex(previous_owner, member)
  end
  redis.call('HSET', room_key(member), 'node', id, 'worker', worker, 'since', since)
  index(id, member, worker)
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
