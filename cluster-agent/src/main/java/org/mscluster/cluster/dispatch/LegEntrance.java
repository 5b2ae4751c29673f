package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.mscluster.cluster.directory.LegRequest;
import org.mscluster.cluster.directory.LegResult;
import org.mscluster.cluster.directory.PlaceResult;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.CascadePolicy;
import org.mscluster.cluster.placement.LegChoice;

/**
 * {@link RoomPlacer}'s second step with cascade on, for a room that already has live legs: choose a
 * leg with {@link CascadePolicy} and enter it with one atomic {@link RoomDirectory#enterLeg}; when
 * the directory says the choice was overtaken (the leg closed, the node left, the registry
 * changed), choose again from the legs it answered with.
 */
final class LegEntrance {
    /** Rounds of choose-and-enter before giving up, as for placement. */
    private static final int MAX_ROUNDS = 3;

    private final RoomDirectory directory;
    private final CascadePolicy policy;
    private final NodeViewCache views;
    private final Clock clock;
    private final BiFunction<NodeView, String, Optional<NodeIdentity>> identity;

    LegEntrance(RoomDirectory directory, CascadePolicy policy, NodeViewCache views, Clock clock,
            BiFunction<NodeView, String, Optional<NodeIdentity>> identity) {
        this.directory = directory;
        this.policy = policy;
        this.views = views;
        this.clock = clock;
        this.identity = identity;
    }

    /** What one peer asks of the directory, chosen on {@code view} from the room's {@code legs}. */
    LegRequest request(NodeView view, DispatchRequest r, List<RoomLeg> legs) {
        LegChoice c = policy.choose(view.candidates(), legs, r.room(), r.client());
        return c.newLeg()
                ? LegRequest.open(r.room(), c.nodeId(), c.workerIndex(), clock.instant())
                : LegRequest.join(r.room(), c.nodeId());
    }

    /**
     * The second steps of a batch, sent together: requests whose first step found their room held
     * (with its legs) get a leg request each, the others null. Requests for one room are chosen in
     * turn, each seeing the legs as the earlier ones will have left them (a peer more, a leg
     * opened), so that a batch fills legs as single calls would; the directory checks every step
     * anyway.
     */
    List<LegResult> enterAll(NodeView view, List<DispatchRequest> requests, List<PlaceResult> firsts) {
        List<LegRequest> batch = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Map<RoomKey, List<RoomLeg>> expected = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            PlaceResult first = firsts.get(i);
            if (first.outcome() != PlaceResult.Outcome.HELD || first.legs().isEmpty()) {
                continue;
            }
            DispatchRequest r = requests.get(i);
            List<RoomLeg> legs = expected.computeIfAbsent(r.room(), k -> new ArrayList<>(first.legs()));
            LegRequest leg = request(view, r, legs);
            expect(legs, leg);
            batch.add(leg);
            positions.add(i);
        }
        List<LegResult> out = new ArrayList<>(Collections.nCopies(requests.size(), (LegResult) null));
        if (batch.isEmpty()) {
            return out;
        }
        List<LegResult> results = directory.enterLegs(batch, view.generation());
        for (int j = 0; j < positions.size(); j++) {
            out.set(positions.get(j), results.get(j));
        }
        return out;
    }

    /** The legs as they will be once {@code r} has entered, if nothing else changes them meanwhile. */
    private static void expect(List<RoomLeg> legs, LegRequest r) {
        for (int i = 0; i < legs.size(); i++) {
            RoomLeg l = legs.get(i);
            if (l.nodeId().equals(r.nodeId())) {
                legs.set(i, new RoomLeg(l.nodeId(), l.workerIndex(), l.since(), l.peers() + 1));
                return;
            }
        }
        if (r.open()) {
            legs.add(new RoomLeg(r.nodeId(), r.workerIndex(), r.since(), 1));
        }
    }

    /**
     * Sends the peer of {@code request} to a leg of its room.
     *
     * @param legs the room's live legs as the first step answered them
     * @param first the directory's answer to the first leg request, if already asked; else null
     * @return the dispatch, or null when the room turned out to have no live leg: the caller places
     *     it as a new room
     */
    Dispatch enter(DispatchRequest request, NodeView view, List<RoomLeg> legs, LegResult first) {
        LegResult result = first;
        List<RoomLeg> current = legs;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (result == null) {
                result = directory.enterLeg(request(view, request, current), view.generation());
            }
            switch (result.outcome()) {
                case JOINED, OPENED, CLAIMED -> {
                    RoomLeg leg = result.leg();
                    if (result.outcome() != LegResult.Outcome.JOINED) {
                        views.roomsChanged(leg.nodeId(), result.nodeRooms());
                    }
                    Optional<NodeIdentity> node = identity.apply(view, leg.nodeId());
                    if (node.isEmpty()) {
                        view = views.refresh(view);
                        node = identity.apply(view, leg.nodeId());
                    }
                    if (node.isPresent()) {
                        RoomPlacement p = new RoomPlacement(request.room(), leg.nodeId(), leg.workerIndex(), leg.since());
                        return new Dispatch(p, node.get(), result.outcome() == LegResult.Outcome.CLAIMED,
                                result.outcome() == LegResult.Outcome.OPENED);
                    }
                    // The leg's node left since the directory answered: choose again.
                }
                case FREE -> {
                    return null;
                }
                case GONE -> { }
                case STALE_VIEW, NODE_UNAVAILABLE -> view = views.refresh(view);
                default -> throw new IllegalStateException("unknown outcome " + result.outcome());
            }
            current = result.legs();
            if (current.isEmpty()) {
                return null;
            }
            result = null;
        }
        throw new NoNodeAvailableException(request.room(), view.liveCount(), Map.of());
    }
}
