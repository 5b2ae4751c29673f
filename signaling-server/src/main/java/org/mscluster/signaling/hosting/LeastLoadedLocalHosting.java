package org.mscluster.signaling.hosting;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;

/**
 * The standalone answer: every room lives here, a new room on the worker hosting the fewest rooms
 * (lowest index on ties). Rooms are what a worker's load is made of on a node that runs alone, and
 * counting them needs no round trip to the workers, so placement cannot race with itself.
 */
public final class LeastLoadedLocalHosting implements RoomHosting {

    private final int workerCount;
    private final Map<RoomKey, Integer> placements = new HashMap<>();
    private final int[] roomsPerWorker;

    public LeastLoadedLocalHosting(int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("at least one worker");
        }
        this.workerCount = workerCount;
        this.roomsPerWorker = new int[workerCount];
    }

    @Override
    public synchronized CompletionStage<HostingDecision> locate(RoomKey room, ClientHints client) {
        Integer worker = placements.get(room);
        if (worker == null) {
            worker = leastLoaded();
            placements.put(room, worker);
            roomsPerWorker[worker]++;
        }
        return CompletableFuture.completedFuture(new HostingDecision.Local(worker));
    }

    @Override
    public synchronized void release(RoomKey room) {
        Integer worker = placements.remove(room);
        if (worker != null) {
            roomsPerWorker[worker]--;
        }
    }

    /** Rooms placed on each worker, for health and metrics. */
    public synchronized int[] roomsPerWorker() {
        return roomsPerWorker.clone();
    }

    private int leastLoaded() {
        int best = 0;
        for (int i = 1; i < workerCount; i++) {
            if (roomsPerWorker[i] < roomsPerWorker[best]) {
                best = i;
            }
        }
        return best;
    }
}
