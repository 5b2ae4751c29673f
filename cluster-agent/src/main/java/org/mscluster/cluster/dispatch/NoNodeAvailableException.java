package org.mscluster.cluster.dispatch;

import java.util.Map;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.Eligibility;

/**
 * No live node may take a new room right now. Entry points answer 503 with the message: unlike a
 * bad token this is the cluster's fault and a retry may succeed.
 */
public final class NoNodeAvailableException extends RuntimeException {
    private final RoomKey room;
    private final Map<Eligibility, Integer> reasons;

    public NoNodeAvailableException(RoomKey room, int liveNodes, Map<Eligibility, Integer> reasons) {
        super(message(room, liveNodes, reasons));
        this.room = room;
        this.reasons = Map.copyOf(reasons);
    }

    public RoomKey room() {
        return room;
    }

    /** How many live nodes were refused for each reason; empty when none were live. */
    public Map<Eligibility, Integer> reasons() {
        return reasons;
    }

    private static String message(RoomKey room, int liveNodes, Map<Eligibility, Integer> reasons) {
        if (liveNodes == 0) {
            return "no live media node to place room " + room + " on";
        }
        if (reasons.isEmpty()) {
            return "placing room " + room + " did not settle: the chosen nodes kept dropping out";
        }
        return "no media node can take room " + room + " (live nodes: " + liveNodes + ", refused: " + reasons + ")";
    }
}
