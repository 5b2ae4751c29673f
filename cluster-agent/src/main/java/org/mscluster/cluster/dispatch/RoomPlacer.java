package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mscluster.cluster.directory.ClaimResult;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.Candidate;
import org.mscluster.cluster.placement.PlacementChoice;
import org.mscluster.cluster.placement.PlacementPolicy;
import org.mscluster.cluster.registry.NodeRegistry;

/**
 * Answers "which node and worker host this room", on the dispatcher and on every node alike.
 *
 * <p>The room directory's atomic claim is what keeps a room whole: this class may run in any
 * number of processes at once, each may decide differently (their views of the load differ by a
 * report), and still every caller ends up with the one placement that won the claim.
 *
 * <ol>
 *   <li>Look the room up; if its node is live, that is the answer (a room on a draining node
 *       stays there: draining only refuses new rooms).
 *   <li>Otherwise ask the policy for a node among the live ones and claim the room for it.
 *   <li>If someone else's claim won, answer with theirs. If the chosen node died in between,
 *       choose again.
 * </ol>
 */
public final class RoomPlacer {
    /** Rounds of choose-and-claim before giving up: each lost round means a node died meanwhile. */
    private static final int MAX_ROUNDS = 3;

    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final PlacementPolicy policy;
    private final Clock clock;

    public RoomPlacer(NodeRegistry registry, RoomDirectory directory, PlacementPolicy policy, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The placement only; see {@link #dispatch}. */
    public RoomPlacement placeRoom(RoomKey room, ClientInfo client) {
        return dispatch(room, client).placement();
    }

    /**
     * Where {@code client} should join {@code room}, placing the room if it has no live home.
     *
     * @throws NoNodeAvailableException when no live node may take the room
     */
    public Dispatch dispatch(RoomKey room, ClientInfo client) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Dispatch> existing = directory.lookup(room).flatMap(this::ifLive);
            if (existing.isPresent()) {
                return existing.get();
            }
            List<NodeSnapshot> live = registry.liveNodes();
            List<Candidate> candidates = candidates(live);
            Optional<PlacementChoice> choice = policy.select(candidates, room, client);
            if (choice.isEmpty()) {
                throw new NoNodeAvailableException(room, live.size(), policy.explain(candidates, room));
            }
            RoomPlacement proposed = new RoomPlacement(room, choice.get().nodeId(), choice.get().workerIndex(),
                    clock.instant());
            ClaimResult result = directory.claim(proposed);
            if (result.outcome() == ClaimResult.Outcome.CLAIMED) {
                return new Dispatch(result.placement(), identityOf(live, proposed.nodeId()), true);
            }
            Optional<Dispatch> winner = result.winner().flatMap(p -> ifLive(p, live));
            if (winner.isPresent()) {
                return winner.get();
            }
        }
        throw new NoNodeAvailableException(room, registry.liveNodes().size(), Map.of());
    }

    private List<Candidate> candidates(List<NodeSnapshot> live) {
        Map<String, RoomCounts> counts = directory.roomCounts(live.stream().map(NodeSnapshot::id).toList());
        return live.stream().map(s -> Candidate.of(s, counts.getOrDefault(s.id(), RoomCounts.NONE))).toList();
    }

    private Optional<Dispatch> ifLive(RoomPlacement p) {
        return registry.find(p.nodeId()).map(n -> new Dispatch(p, n.identity(), false));
    }

    private Optional<Dispatch> ifLive(RoomPlacement p, List<NodeSnapshot> live) {
        Optional<NodeSnapshot> known = live.stream().filter(n -> n.id().equals(p.nodeId())).findFirst();
        // A winner that registered after our listing is still a valid answer.
        return known.map(n -> new Dispatch(p, n.identity(), false)).or(() -> ifLive(p));
    }

    private static NodeIdentity identityOf(List<NodeSnapshot> live, String nodeId) {
        return live.stream().filter(n -> n.id().equals(nodeId)).findFirst().orElseThrow().identity();
    }
}
