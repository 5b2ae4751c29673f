package org.mscluster.cluster.dispatch;

import java.util.Objects;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.RoomKey;

/** A client asking where {@code room} lives. */
public record DispatchRequest(RoomKey room, ClientInfo client) {
    public DispatchRequest {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(client, "client");
    }
}
