package org.mscluster.cluster.directory;

import java.util.Objects;
import java.util.Optional;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;

/**
 * One room to look up and, if it has no live home, to claim for {@code proposal}.
 *
 * @param proposal where the caller would put the room if it is new; null when its view of the
 *     nodes has no eligible node (the room may still exist, and then the answer is where)
 * @param withLegs true when a held room's answer should carry its live legs ({@link PlaceResult#legs()}):
 *     a cascading placer decides which leg a peer joins from them, without another round trip
 */
public record PlaceRequest(RoomKey room, RoomPlacement proposal, boolean withLegs) {
    public PlaceRequest {
        Objects.requireNonNull(room, "room");
        if (proposal != null && !proposal.room().equals(room)) {
            throw new IllegalArgumentException("proposal for " + proposal.room() + " in a request for " + room);
        }
    }

    /** A request without the legs: the room's placement is all the answer says. */
    public PlaceRequest(RoomKey room, RoomPlacement proposal) {
        this(room, proposal, false);
    }

    public Optional<RoomPlacement> proposed() {
        return Optional.ofNullable(proposal);
    }
}
