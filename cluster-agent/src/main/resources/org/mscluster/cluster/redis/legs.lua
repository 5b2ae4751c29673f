-- A room's live legs (dropping dead ones, promoting a live leg if the entry's node is gone).
-- ARGV: prefix, member. Returns node, worker, since, peers, ... with the entry first; empty when free.
return settle(ARGV[2])
