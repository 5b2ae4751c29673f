package org.mscluster.cluster.directory;

import java.util.List;
import java.util.Objects;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.model.RoomPlacement;

/**
 * What {@link RoomDirectory#placeIfAbsent} found or did.
 *
 * @param placement the standing placement for {@link Outcome#HELD}, the written one for
 *     {@link Outcome#CLAIMED}, null otherwise
 * @param claimantRooms for {@link Outcome#CLAIMED}: the claimant's rooms per worker, this one
 *     included, so the caller's view of the load stays current without reading it again;
 *     {@link RoomCounts#NONE} otherwise
 * @param generation the registry's generation when the directory answered (see
 *     {@code NodeRegistry.generation()}); a caller whose view is older should refresh it
 * @param legs for {@link Outcome#HELD} when the request asked for them ({@link PlaceRequest#withLegs()}):
 *     the room's live legs, the entry ({@code placement}) first; empty otherwise
 */
public record PlaceResult(Outcome outcome, RoomPlacement placement, RoomCounts claimantRooms, long generation,
        List<RoomLeg> legs) {
    public enum Outcome {
        /** A live node holds the room: join it there. */
        HELD,
        /** The room was free (or its node had dropped out) and is now the proposal's. */
        CLAIMED,
        /**
         * The room is free but the registry changed since the caller's view (a node joined, left or
         * changed state): nothing was written; refresh the view and choose again.
         */
        STALE_VIEW,
        /** The room is free and the caller proposed nothing: no node can take it. */
        ABSENT,
        /** The proposed node is no longer live, or is draining: nothing was written; choose again. */
        CLAIMANT_UNAVAILABLE
    }

    public PlaceResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(claimantRooms, "claimantRooms");
        legs = List.copyOf(legs);
        boolean placed = outcome == Outcome.HELD || outcome == Outcome.CLAIMED;
        if (placed != (placement != null)) {
            throw new IllegalArgumentException("a placement goes with HELD and CLAIMED only");
        }
    }

    /** A result without legs. */
    public PlaceResult(Outcome outcome, RoomPlacement placement, RoomCounts claimantRooms, long generation) {
        this(outcome, placement, claimantRooms, generation, List.of());
    }

    public static PlaceResult held(RoomPlacement p, long generation) {
        return new PlaceResult(Outcome.HELD, p, RoomCounts.NONE, generation);
    }

    /** Held, with the room's live legs, the entry first. */
    public static PlaceResult held(RoomPlacement p, List<RoomLeg> legs, long generation) {
        return new PlaceResult(Outcome.HELD, p, RoomCounts.NONE, generation, legs);
    }

    public static PlaceResult claimed(RoomPlacement p, RoomCounts claimantRooms, long generation) {
        return new PlaceResult(Outcome.CLAIMED, p, claimantRooms, generation);
    }

    public static PlaceResult of(Outcome outcome, long generation) {
        return new PlaceResult(outcome, null, RoomCounts.NONE, generation);
    }

    /** True when the room has a live home now, whether found or just claimed. */
    public boolean placed() {
        return placement != null;
    }
}
