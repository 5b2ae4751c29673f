package org.mscluster.signaling.egress;

import java.util.Map;
import org.mscluster.cluster.model.RoomKey;

/**
 * An egress as the API sees it: one running here ({@link EgressSession}), or one this node started on an
 * egress-only node ({@link RemoteEgress}).
 */
public interface Egress {

    String id();

    RoomKey room();

    EgressStatus status();

    /** {@code GET /api/egress/{egressId}}; {@code nodeId} names the node whose ffmpeg runs it. */
    Map<String, Object> json();

    /** Stops it gracefully: its file is finished and stored. */
    void stop(String why);
}
