package org.mscluster.cluster.directory;

import java.util.Objects;
import java.util.Optional;
import org.mscluster.cluster.model.RoomPlacement;

/**
 * What happened to a claim.
 *
 * @param placement the room's placement after the claim: the proposal when {@link Outcome#CLAIMED},
 *     the standing one when {@link Outcome#HELD}; null for {@link Outcome#CLAIMANT_NOT_LIVE}
 */
public record ClaimResult(Outcome outcome, RoomPlacement placement) {
    public enum Outcome {
        /** The proposal was written: the room was free, or its owner had dropped out. */
        CLAIMED,
        /** A live node already holds the room; {@code placement} says which. Join it. */
        HELD,
        /** The proposed node is no longer live, so nothing was written; choose again. */
        CLAIMANT_NOT_LIVE
    }

    public ClaimResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.CLAIMANT_NOT_LIVE) != (placement == null)) {
            throw new IllegalArgumentException("placement must be given exactly unless the claimant is not live");
        }
    }

    public static ClaimResult claimed(RoomPlacement p) {
        return new ClaimResult(Outcome.CLAIMED, p);
    }

    public static ClaimResult held(RoomPlacement p) {
        return new ClaimResult(Outcome.HELD, p);
    }

    public static ClaimResult claimantNotLive() {
        return new ClaimResult(Outcome.CLAIMANT_NOT_LIVE, null);
    }

    public boolean won() {
        return outcome == Outcome.CLAIMED;
    }

    /** The placement every client of the room should use, unless the claimant had dropped out. */
    public Optional<RoomPlacement> winner() {
        return Optional.ofNullable(placement);
    }
}
