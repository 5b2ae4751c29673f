package org.mscluster.cluster.directory;

import java.util.List;
import java.util.Objects;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomLeg;

/**
 * What {@link RoomDirectory#enterLeg} found or did.
 *
 * @param leg the leg the peer goes to, its peer count already counting the peer, for
 *     {@link Outcome#JOINED}, {@link Outcome#OPENED} and {@link Outcome#CLAIMED}; null otherwise
 * @param legs the room's live legs after the call, the entry first, so that a caller told to choose
 *     again does so without reading them again
 * @param nodeRooms for {@link Outcome#OPENED} and {@link Outcome#CLAIMED}: the node's rooms (legs
 *     included) per worker, this one counted; {@link RoomCounts#NONE} otherwise
 * @param generation the registry's generation when the directory answered
 */
public record LegResult(Outcome outcome, RoomLeg leg, List<RoomLeg> legs, RoomCounts nodeRooms, long generation) {
    public enum Outcome {
        /** The peer joins an existing live leg: the one asked for, or, asked to open one, the node's own. */
        JOINED,
        /** A new leg was written on the node asked for. */
        OPENED,
        /** The room had no live leg any more: the node now holds it, as its entry. */
        CLAIMED,
        /** The leg to join is no longer live (its node left, or it closed); choose again from {@code legs}. */
        GONE,
        /** Asked to join, but no live node holds the room: place it as a new room. */
        FREE,
        /** Asked to open, but the registry changed since the caller's view: refresh it, choose again. */
        STALE_VIEW,
        /** Asked to open on a node that is gone or draining: nothing was written; choose again. */
        NODE_UNAVAILABLE
    }

    public LegResult {
        Objects.requireNonNull(outcome, "outcome");
        legs = List.copyOf(legs);
        Objects.requireNonNull(nodeRooms, "nodeRooms");
        boolean entered = outcome == Outcome.JOINED || outcome == Outcome.OPENED || outcome == Outcome.CLAIMED;
        if (entered != (leg != null)) {
            throw new IllegalArgumentException("a leg goes with JOINED, OPENED and CLAIMED only");
        }
    }

    /** True when the peer has a leg to go to. */
    public boolean entered() {
        return leg != null;
    }
}
