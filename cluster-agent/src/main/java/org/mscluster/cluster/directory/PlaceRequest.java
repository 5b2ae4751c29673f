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
 */
public record PlaceRequest(RoomKey room, RoomPlacement proposal) {
    public PlaceRequest {
        Objects.requireNonNull(room, "room");
        if (proposal != null && !proposal.room().equals(room)) {
            throw new IllegalArgumentException("proposal for " + proposal.room() + " in a request for " + room);
        }
    }

    public Optional<RoomPlacement> proposed() {
        return Optional.ofNullable(proposal);
    }
}
