package org.mscluster.cluster.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;

/**
 * Which leg a peer joins when its room already spans nodes (cascade), or whether it opens a new leg
 * nearer to it: a pure function of the live nodes, the room's live legs and the client, like
 * {@link PlacementPolicy}, so that every dispatcher decides alike and every rule is unit-tested.
 *
 * <h2>Algorithm</h2>
 *
 * <ol>
 *   <li><b>Acceptable legs.</b> A leg may take the peer when its node is in the view, passes
 *       {@link NearestLeastLoadedPolicy#assessLeg} (up, and under the machine limits; not the room
 *       limit, as the leg is no new room) and serves fewer than {@code legCapacity} peers.
 *   <li><b>Nearest leg</b> among those: longest common prefix of its node's region with the
 *       client's, then same ISP, then fewer peers, then node id.
 *   <li><b>New leg.</b> The node the placement policy would choose for a new room among the nodes
 *       that have no leg of the room (same eligibility, same ranking). A new leg opens there when
 *       its region shares a strictly longer prefix with the client's than the nearest acceptable
 *       leg's, or when no leg is acceptable: a peer never pays a pipe between nodes for nothing,
 *       and a full or overloaded leg spills over rather than refusing.
 *   <li>Otherwise the nearest acceptable leg; and when no leg is acceptable and no node can take a
 *       new one, the least full leg (fewest peers, then node id) rather than no answer.
 * </ol>
 */
public final class CascadePolicy {
    private final NearestLeastLoadedPolicy policy;
    private final int legCapacity;

    /** Uses {@code policy}'s eligibility and ranking for new legs and its settings' {@code legCapacity}. */
    public CascadePolicy(NearestLeastLoadedPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.legCapacity = policy.settings().legCapacity();
    }

    /**
     * @param candidates the live nodes as the caller sees them
     * @param legs the room's live legs, as the directory answered them; at least one
     * @return the leg to join, or the node and worker of a new leg
     */
    public LegChoice choose(List<Candidate> candidates, List<RoomLeg> legs, RoomKey room, ClientInfo client) {
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a room with no leg is placed by the placement policy");
        }
        Map<String, Candidate> byId = new HashMap<>();
        for (Candidate c : candidates) {
            byId.put(c.id(), c);
        }
        RoomLeg nearest = null;
        Set<String> legNodes = new HashSet<>();
        for (RoomLeg leg : legs) {
            legNodes.add(leg.nodeId());
            Candidate c = byId.get(leg.nodeId());
            boolean acceptable = c != null && leg.peers() < legCapacity
                    && policy.assessLeg(c) == Eligibility.ELIGIBLE;
            if (acceptable && (nearest == null || compareLegs(leg, nearest, byId, client) < 0)) {
                nearest = leg;
            }
        }
        List<Candidate> others = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (!legNodes.contains(c.id())) {
                others.add(c);
            }
        }
        Optional<PlacementChoice> fresh = policy.select(others, room, client);
        if (fresh.isPresent() && (nearest == null
                || depth(byId.get(fresh.get().nodeId()), client) > depth(byId.get(nearest.nodeId()), client))) {
            return new LegChoice(fresh.get().nodeId(), fresh.get().workerIndex(), true);
        }
        RoomLeg target = nearest != null ? nearest : leastFull(legs);
        return new LegChoice(target.nodeId(), target.workerIndex(), false);
    }

    /** Nearer first, then same ISP, then fewer peers, then node id. */
    private static int compareLegs(RoomLeg a, RoomLeg b, Map<String, Candidate> byId, ClientInfo client) {
        Candidate ca = byId.get(a.nodeId());
        Candidate cb = byId.get(b.nodeId());
        int c = Integer.compare(depth(cb, client), depth(ca, client));
        if (c != 0) {
            return c;
        }
        c = Boolean.compare(!NearestLeastLoadedPolicy.sameIsp(ca, client), !NearestLeastLoadedPolicy.sameIsp(cb, client));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.peers(), b.peers());
        return c != 0 ? c : a.nodeId().compareTo(b.nodeId());
    }

    private static int depth(Candidate c, ClientInfo client) {
        return c.identity().region().commonPrefixDepth(client.region());
    }

    private static RoomLeg leastFull(List<RoomLeg> legs) {
        RoomLeg best = null;
        for (RoomLeg l : legs) {
            if (best == null || l.peers() < best.peers()
                    || (l.peers() == best.peers() && l.nodeId().compareTo(best.nodeId()) < 0)) {
                best = l;
            }
        }
        return best;
    }
}
