package org.mscluster.cluster.placement;

import org.mscluster.cluster.model.WorkerLoad;

/**
 * Turns a node's or worker's figures into one comparable number: the weighted sum of its CPU,
 * network, consumer and room shares of capacity. Lower is less loaded.
 *
 * <p>Each figure is first divided by its capacity so that a weight of 1 means the same thing for
 * every resource: "a completely full X counts as 1".
 *
 * <p>The CPU figure is the last report's plus an assumed cost for each room claimed since
 * ({@link PlacementSettings#unreportedRoomCpu()}): reports come once a second, placements many
 * times a second, and a figure that only moves with the next report sends a whole burst to one node.
 */
final class LoadScore {
    private final PlacementSettings settings;

    LoadScore(PlacementSettings settings) {
        this.settings = settings;
    }

    double ofNode(Candidate c) {
        return settings.cpuWeight() * (c.load().cpu() + settings.unreportedRoomCpu() * c.unreportedRooms())
                + settings.networkWeight() * networkShare(c)
                + settings.consumersWeight() * consumerShare(c)
                + settings.roomsWeight() * roomShare(c);
    }

    double networkShare(Candidate c) {
        return (double) c.load().networkBytesPerSecond() / settings.networkCapacityBytesPerSecond();
    }

    double consumerShare(Candidate c) {
        return (double) c.load().consumers() / settings.consumerCapacity();
    }

    double roomShare(Candidate c) {
        return (double) c.rooms() / settings.roomCapacity();
    }

    /**
     * A worker's score uses its own CPU and its slice of the node's consumer and room capacity:
     * workers of one node share the machine, so capacities divide evenly among them.
     */
    double ofWorker(Candidate c, WorkerLoad w) {
        int workers = Math.max(1, c.load().workers().size());
        double consumerCapacity = (double) settings.consumerCapacity() / workers;
        double roomCapacity = (double) settings.roomCapacity() / workers;
        return settings.cpuWeight() * (w.cpu() + settings.unreportedRoomCpu() * c.unreportedRoomsOnWorker(w.index()))
                + settings.consumersWeight() * w.consumers() / consumerCapacity
                + settings.roomsWeight() * c.roomsOnWorker(w.index()) / roomCapacity;
    }
}
