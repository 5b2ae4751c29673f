package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mscluster.cluster.directory.LegResult;
import org.mscluster.cluster.directory.PlaceRequest;
import org.mscluster.cluster.directory.PlaceResult;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.CascadePolicy;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
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
 * <h2>One round trip per decision</h2>
 *
 * The placer keeps a cached view of the live nodes (identities, loads, room counts; see
 * {@link NodeViewCache}), read again every {@code viewMaxAge} (1 s by default) and whenever the
 * directory says it is out of date. A decision is then:
 * <ol>
 *   <li>Ask the policy, on the cached view, where the room would go if it were new. Pure CPU.
 *   <li>One atomic {@link RoomDirectory#placeIfAbsent} call: if a live node holds the room, that is
 *       the answer (a room on a draining node stays there: draining only refuses new rooms);
 *       otherwise the room is claimed for the proposal, unless the registry changed since the
 *       view was read or the proposed node is gone or draining.
 *   <li>Held or claimed, the answer's node identity comes from the view. Stale view or
 *       unavailable node: read the view again and go back to 1. Nothing to propose on a current
 *       view: {@link NoNodeAvailableException}.
 * </ol>
 * So joining an existing room, and placing a new one, each cost one Redis round trip; the view
 * costs a few more once a second. {@link #dispatchAll} decides a batch with one round trip.
 *
 * <h2>Cascade</h2>
 *
 * When the policy is a {@link NearestLeastLoadedPolicy} whose settings say {@code cascade}, a room
 * may span nodes, one leg per node, and each peer joins the leg nearest to it. A new room is placed
 * as above (its first peer decides, one round trip). For a held room, step 2 answers the room's
 * live legs as well, and a second step follows ({@link LegEntrance}): {@link CascadePolicy} chooses
 * the leg to join or the node of a new leg, and one atomic {@link RoomDirectory#enterLeg} enters
 * it (a join counts the peer on the leg; an opening is checked like a claim and never makes a
 * second leg on a node). So joining a room costs two round trips with cascade; a batch, two.
 * {@link Dispatch#newLeg()} says when a leg was opened. With cascade off nothing of this runs.
 *
 * <h2>An owner cut off from the store</h2>
 *
 * The directory counts a room whose node dropped out of the registry as free: a crashed node's rooms
 * must move at once. But a node cut off from Redis alone drops out too, and still hosts its rooms for
 * the peers in them. With {@link #probeLapsedOwners}, a room whose entry names a node that dropped out
 * of this placer's view within a grace is first asked of that node directly ({@link OwnerProbe}, with
 * the address the view last had): if it answers that it hosts the room, the client goes there, and
 * the room is not placed a second time; if it does not answer (a dead node refuses at once), the room
 * is placed afresh as before. Only while such a node is remembered does a decision read the room's
 * entry first (one more round trip).
 */
public final class RoomPlacer {
    /** How old a view may get before a decision reads the registry again. */
    public static final Duration DEFAULT_VIEW_MAX_AGE = Duration.ofSeconds(1);

    /** Rounds of choose-and-claim before giving up: each lost round means the registry changed meanwhile. */
    private static final int MAX_ROUNDS = 3;

    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final PlacementPolicy policy;
    private final Clock clock;
    private final NodeViewCache views;
    /** The second step with cascade on; null with cascade off. */
    private final LegEntrance legs;
    private volatile OwnerProbe probe = OwnerProbe.NONE;
    /** Nodes that left the view lately; null without a probe. */
    private volatile LapsedNodes lapsed;

    public RoomPlacer(NodeRegistry registry, RoomDirectory directory, PlacementPolicy policy, Clock clock) {
        this(registry, directory, policy, clock, DEFAULT_VIEW_MAX_AGE);
    }

    /** @param viewMaxAge how long a view of the nodes serves decisions; zero reads it for each one */
    public RoomPlacer(NodeRegistry registry, RoomDirectory directory, PlacementPolicy policy, Clock clock,
            Duration viewMaxAge) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.views = new NodeViewCache(registry, directory, clock, Objects.requireNonNull(viewMaxAge, "viewMaxAge"));
        this.legs = policy instanceof NearestLeastLoadedPolicy p && p.settings().cascade()
                ? new LegEntrance(directory, new CascadePolicy(p), views, clock, this::identity)
                : null;
    }

    /**
     * Before placing afresh a room whose entry names a node that dropped out of the view within
     * {@code grace}, asks that node with {@code probe} whether it still hosts the room, and sends the
     * client there if it does. Call once, before the first decision.
     */
    public RoomPlacer probeLapsedOwners(OwnerProbe probe, Duration grace) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("the lapsed owners' grace must be positive");
        }
        LapsedNodes nodes = new LapsedNodes(clock, grace);
        this.probe = Objects.requireNonNull(probe, "probe");
        this.lapsed = nodes;
        views.onLoad(nodes::viewChanged);
        return this;
    }

    /**
     * Reads the view of the nodes again if it is nearly as old as {@code viewMaxAge} allows, so that
     * no decision has to wait for that read; returns at once otherwise, or while another thread
     * reads it. For a thread with no decision waiting on it (a dispatch lane between batches).
     *
     * @throws org.mscluster.cluster.ClusterStoreException when the store cannot be read (the view
     *     stays as it was: the next decision reads it, or fails, as without this call)
     */
    public void refreshViewAhead() {
        views.refreshAhead();
    }

    /** Whether rooms may span nodes (the policy's settings say {@code cascade}). */
    public boolean cascade() {
        return legs != null;
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
        NodeView view = views.current();
        LapsedNodes nodes = lapsed;
        if (nodes != null && !nodes.none()) {
            Optional<Dispatch> owner = lapsedOwner(directory.lookup(room), room, view, nodes);
            if (owner.isPresent()) {
                return owner.get();
            }
        }
        return decide(new DispatchRequest(room, client), view, null, null);
    }

    /**
     * The room's owner when its entry names a node that dropped out of the view lately and that node
     * answers it still hosts the room; empty otherwise.
     */
    private Optional<Dispatch> lapsedOwner(Optional<RoomPlacement> entry, RoomKey room, NodeView view, LapsedNodes nodes) {
        if (entry.isEmpty() || view.identity(entry.get().nodeId()).isPresent()) {
            return Optional.empty();
        }
        Optional<NodeIdentity> owner = nodes.recent(entry.get().nodeId());
        if (owner.isEmpty() || !nodes.answer(owner.get(), room, probe)) {
            return Optional.empty();
        }
        return Optional.of(new Dispatch(entry.get(), owner.get(), false));
    }

    /**
     * Decides several requests together: their directory calls go out as one batch (one round trip
     * to Redis), and only those that need another round (a stale view, a node that just left) are
     * repeated one by one. Each request gets the answer {@link #dispatch} would have given,
     * including for several requests of one new room in the same batch: the first claims it, the
     * others find it held.
     *
     * @return one outcome per request, in order
     */
    public List<DispatchOutcome> dispatchAll(List<DispatchRequest> requests) {
        NodeView view = views.current();
        LapsedNodes nodes = lapsed;
        if (nodes != null && !nodes.none()) {
            return withLapsedOwners(requests, view, nodes);
        }
        return placeAll(requests, view);
    }

    /**
     * A node dropped out lately: the batch's room entries are read first, in one round trip; requests
     * for rooms a lapsed node still hosts go there, the others are decided together as usual.
     */
    private List<DispatchOutcome> withLapsedOwners(List<DispatchRequest> requests, NodeView view, LapsedNodes nodes) {
        List<Optional<RoomPlacement>> entries;
        try {
            entries = directory.lookupAll(requests.stream().map(DispatchRequest::room).toList());
        } catch (RuntimeException e) {
            entries = null; // placed as if nothing had lapsed: the decisions below meet the same store
        }
        DispatchOutcome[] out = new DispatchOutcome[requests.size()];
        List<DispatchRequest> rest = new ArrayList<>(requests.size());
        List<Integer> restIndex = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            DispatchRequest r = requests.get(i);
            Optional<Dispatch> owner = Optional.empty();
            if (entries != null) {
                try {
                    owner = lapsedOwner(entries.get(i), r.room(), view, nodes);
                } catch (RuntimeException e) {
                    owner = Optional.empty();
                }
            }
            if (owner.isPresent()) {
                out[i] = DispatchOutcome.of(owner.get());
            } else {
                rest.add(r);
                restIndex.add(i);
            }
        }
        List<DispatchOutcome> decided = rest.isEmpty() ? List.of() : placeAll(rest, view);
        for (int k = 0; k < decided.size(); k++) {
            out[restIndex.get(k)] = decided.get(k);
        }
        return List.of(out);
    }

    private List<DispatchOutcome> placeAll(List<DispatchRequest> requests, NodeView view) {
        List<PlaceRequest> batch = new ArrayList<>(requests.size());
        for (DispatchRequest r : requests) {
            batch.add(propose(view, r));
        }
        List<PlaceResult> results;
        try {
            results = directory.placeAll(batch, view.generation());
        } catch (RuntimeException e) {
            results = null; // each request tries again on its own, and fails on its own if it must
        }
        List<LegResult> seconds = null;
        if (legs != null && results != null) {
            try {
                seconds = legs.enterAll(view, requests, results);
            } catch (RuntimeException e) {
                seconds = null; // as above: each request enters its leg on its own
            }
        }
        List<DispatchOutcome> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                out.add(DispatchOutcome.of(decide(requests.get(i), view, results == null ? null : results.get(i),
                        seconds == null ? null : seconds.get(i))));
            } catch (RuntimeException e) {
                out.add(DispatchOutcome.failed(e));
            }
        }
        return out;
    }

    /**
     * The decision loop.
     *
     * @param view the view {@code first} was proposed from
     * @param first the directory's answer to the first round, if already asked; else null
     * @param firstLeg with cascade, the directory's answer to the first leg request, if already asked
     */
    private Dispatch decide(DispatchRequest request, NodeView view, PlaceResult first, LegResult firstLeg) {
        PlaceResult result = first;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (result == null) {
                result = directory.placeIfAbsent(propose(view, request), view.generation());
            }
            switch (result.outcome()) {
                case CLAIMED -> {
                    RoomPlacement p = result.placement();
                    views.roomsChanged(p.nodeId(), result.claimantRooms());
                    Optional<NodeIdentity> node = identity(view, p.nodeId());
                    if (node.isPresent()) {
                        return new Dispatch(p, node.get(), true);
                    }
                    // Claimed, then gone before we could name it: the next round reclaims the room.
                }
                case HELD -> {
                    if (legs != null && !result.legs().isEmpty()) {
                        Dispatch d = legs.enter(request, view, result.legs(), firstLeg);
                        if (d != null) {
                            return d;
                        }
                        firstLeg = null; // the room lost its last leg meanwhile: place it as new
                        break;
                    }
                    RoomPlacement p = result.placement();
                    if (result.generation() != view.generation() || view.identity(p.nodeId()).isEmpty()) {
                        // The owner may have registered again, with another address, since our view.
                        view = views.refresh(view);
                    }
                    Optional<NodeIdentity> node = identity(view, p.nodeId());
                    if (node.isPresent()) {
                        return new Dispatch(p, node.get(), false);
                    }
                    // The owner dropped out since the directory answered: place the room afresh.
                }
                case ABSENT -> throw new NoNodeAvailableException(request.room(), view.liveCount(),
                        policy.explain(view.candidates(), request.room()));
                case STALE_VIEW, CLAIMANT_UNAVAILABLE -> view = views.refresh(view);
                default -> throw new IllegalStateException("unknown outcome " + result.outcome());
            }
            result = null;
        }
        throw new NoNodeAvailableException(request.room(), view.liveCount(), Map.of());
    }

    /** Where the room would go if it were new, by the policy on {@code view}; no proposal if nowhere. */
    private PlaceRequest propose(NodeView view, DispatchRequest r) {
        Optional<PlacementChoice> choice = view.choose(policy, r.room(), r.client());
        return new PlaceRequest(r.room(), choice
                .map(c -> new RoomPlacement(r.room(), c.nodeId(), c.workerIndex(), clock.instant()))
                .orElse(null), legs != null);
    }

    /** From the view; from the registry for a node that registered after it. */
    private Optional<NodeIdentity> identity(NodeView view, String nodeId) {
        return view.identity(nodeId).or(() -> registry.find(nodeId).map(NodeSnapshot::identity));
    }
}
