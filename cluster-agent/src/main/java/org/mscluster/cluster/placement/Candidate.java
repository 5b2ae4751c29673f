package org.mscluster.cluster.placement;

import java.util.Objects;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomCounts;

/**
 * One live node as the policy sees it.
 *
 * @param claimed rooms the directory has already assigned per worker, which may be ahead of the
 *     last load report
 */
public record Candidate(NodeIdentity identity, NodeLoad load, RoomCounts claimed) {
    public Candidate {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(claimed, "claimed");
    }

    public static Candidate of(NodeSnapshot snapshot, RoomCounts claimed) {
        return new Candidate(snapshot.identity(), snapshot.load(), claimed);
    }

    public String id() {
        return identity.id();
    }

    /** Rooms on a worker: whichever is larger of the node's own report and the directory's count. */
    int roomsOnWorker(int index) {
        return Math.max(reportedOnWorker(index), claimed.forWorker(index));
    }

    private int reportedOnWorker(int index) {
        int reported = 0;
        for (var w : load.workers()) { // a loop, not a stream: this runs for every worker of every decision
            if (w.index() == index) {
                reported += w.rooms();
            }
        }
        return reported;
    }

    int rooms() {
        return Math.max(load.rooms(), claimed.total());
    }

    /** Rooms the directory assigned beyond the node's last report: claimed since, not yet counted. */
    int unreportedRooms() {
        return Math.max(0, claimed.total() - load.rooms());
    }

    /** {@link #unreportedRooms()} of one worker. */
    int unreportedRoomsOnWorker(int index) {
        return Math.max(0, claimed.forWorker(index) - reportedOnWorker(index));
    }
}
