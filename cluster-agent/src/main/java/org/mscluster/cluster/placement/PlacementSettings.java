package org.mscluster.cluster.placement;

/**
 * The thresholds that exclude a node from new rooms, the capacities that turn raw figures into
 * comparable fractions, and the weights that combine those fractions into one load score.
 *
 * <p>Limits are fractions: {@code cpuLimit = 0.85} keeps rooms off a node whose machine is 85%
 * busy; {@code networkLimit = 0.9} of {@code networkCapacityBytesPerSecond}. Capacities are the
 * figures a node is sized for; they only scale the score and the limits, nothing is reserved.
 *
 * @param cpuLimit node CPU share above which the node takes no new rooms
 * @param memoryLimit memory share above which the node takes no new rooms
 * @param diskLimit disk share above which the node takes no new rooms
 * @param networkLimit share of {@code networkCapacityBytesPerSecond} (in + out) above which the node takes no new rooms
 * @param consumerLimit share of {@code consumerCapacity} above which the node takes no new rooms
 * @param roomLimit share of {@code roomCapacity} above which the node takes no new rooms
 * @param workerCpuLimit a worker busier than this gets no new rooms while another worker is not
 * @param networkCapacityBytesPerSecond in + out bytes per second a node is sized for
 * @param consumerCapacity consumers a node is sized for
 * @param roomCapacity rooms a node is sized for
 * @param cpuWeight weight of CPU share in the load score
 * @param networkWeight weight of network share in the load score
 * @param consumersWeight weight of consumer share in the load score
 * @param roomsWeight weight of room share in the load score; small by default, it mostly breaks
 *     ties between idle nodes during bursts of new rooms
 * @param unreportedRoomCpu the CPU share a room is assumed to cost from its claim until its node's
 *     next report counts it (ranking only, not the limits): without it, every room of a burst
 *     within one report interval would go to the node that last reported least loaded. Pessimistic
 *     by default (0.02 of the machine, or of a worker's core): an overestimate evens a burst out a
 *     little too much for one second, an underestimate piles it onto one node
 * @param cascade whether a room may span nodes, one leg per node, each peer joining the leg nearest
 *     to it (see {@link CascadePolicy}); off by default: a room lives on one node
 * @param legCapacity peers one leg takes before a peer is sent to another leg or a new one (cascade only)
 * @param lapsedOwnerGraceMs for this long after a room's node dropped out of the registry, a placer asks
 *     that node directly whether it still hosts the room (cut off from Redis, not dead) before placing the
 *     room afresh; 0 never asks
 */
public record PlacementSettings(
        double cpuLimit,
        double memoryLimit,
        double diskLimit,
        double networkLimit,
        double consumerLimit,
        double roomLimit,
        double workerCpuLimit,
        long networkCapacityBytesPerSecond,
        int consumerCapacity,
        int roomCapacity,
        double cpuWeight,
        double networkWeight,
        double consumersWeight,
        double roomsWeight,
        double unreportedRoomCpu,
        boolean cascade,
        int legCapacity,
        long lapsedOwnerGraceMs) {

    public PlacementSettings {
        requireFraction(cpuLimit, "cpuLimit");
        requireFraction(memoryLimit, "memoryLimit");
        requireFraction(diskLimit, "diskLimit");
        requireFraction(workerCpuLimit, "workerCpuLimit");
        requirePositive(networkLimit, "networkLimit");
        requirePositive(consumerLimit, "consumerLimit");
        requirePositive(roomLimit, "roomLimit");
        if (!(unreportedRoomCpu >= 0 && unreportedRoomCpu <= 1)) {
            throw new IllegalArgumentException("unreportedRoomCpu must be in [0, 1]: " + unreportedRoomCpu);
        }
        if (lapsedOwnerGraceMs < 0) {
            throw new IllegalArgumentException("lapsedOwnerGraceMs must be >= 0: " + lapsedOwnerGraceMs);
        }
        if (legCapacity <= 0) {
            throw new IllegalArgumentException("legCapacity must be > 0: " + legCapacity);
        }
        if (networkCapacityBytesPerSecond <= 0 || consumerCapacity <= 0 || roomCapacity <= 0) {
            throw new IllegalArgumentException("capacities must be > 0");
        }
        for (double w : new double[] {cpuWeight, networkWeight, consumersWeight, roomsWeight}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0");
            }
        }
    }

    /** Defaults for a 1 Gbit/s media host: see {@link Builder} for each value. */
    public static PlacementSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .cpuLimit(cpuLimit).memoryLimit(memoryLimit).diskLimit(diskLimit).networkLimit(networkLimit)
                .consumerLimit(consumerLimit).roomLimit(roomLimit).workerCpuLimit(workerCpuLimit)
                .networkCapacityBytesPerSecond(networkCapacityBytesPerSecond).consumerCapacity(consumerCapacity)
                .roomCapacity(roomCapacity).cpuWeight(cpuWeight).networkWeight(networkWeight)
                .consumersWeight(consumersWeight).roomsWeight(roomsWeight).unreportedRoomCpu(unreportedRoomCpu)
                .cascade(cascade).legCapacity(legCapacity).lapsedOwnerGraceMs(lapsedOwnerGraceMs);
    }

    private static void requireFraction(double v, String name) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1]: " + v);
        }
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be > 0: " + v);
        }
    }

    /** Builds settings; unset fields keep the defaults shown. */
    public static final class Builder {
        private double cpuLimit = 0.85;
        private double memoryLimit = 0.90;
        private double diskLimit = 0.95;
        private double networkLimit = 0.90;
        private double consumerLimit = 1.0;
        private double roomLimit = 1.0;
        private double workerCpuLimit = 0.90;
        private long networkCapacityBytesPerSecond = 125_000_000L; // 1 Gbit/s
        private int consumerCapacity = 10_000;
        private int roomCapacity = 1_000;
        private double cpuWeight = 1.0;
        private double networkWeight = 1.0;
        private double consumersWeight = 1.0;
        private double roomsWeight = 0.25;
        private double unreportedRoomCpu = 0.02;
        private boolean cascade = false;
        private int legCapacity = 100;
        /** Twice the registry's 3 s lease: a node cut off from Redis is asked about its rooms this long; 0: never. */
        private long lapsedOwnerGraceMs = 6_000;

        public Builder cpuLimit(double v) { cpuLimit = v; return this; }
        public Builder lapsedOwnerGraceMs(long v) { lapsedOwnerGraceMs = v; return this; }
        public Builder memoryLimit(double v) { memoryLimit = v; return this; }
        public Builder diskLimit(double v) { diskLimit = v; return this; }
        public Builder networkLimit(double v) { networkLimit = v; return this; }
        public Builder consumerLimit(double v) { consumerLimit = v; return this; }
        public Builder roomLimit(double v) { roomLimit = v; return this; }
        public Builder workerCpuLimit(double v) { workerCpuLimit = v; return this; }
        public Builder networkCapacityBytesPerSecond(long v) { networkCapacityBytesPerSecond = v; return this; }
        public Builder consumerCapacity(int v) { consumerCapacity = v; return this; }
        public Builder roomCapacity(int v) { roomCapacity = v; return this; }
        public Builder cpuWeight(double v) { cpuWeight = v; return this; }
        public Builder networkWeight(double v) { networkWeight = v; return this; }
        public Builder consumersWeight(double v) { consumersWeight = v; return this; }
        public Builder roomsWeight(double v) { roomsWeight = v; return this; }
        public Builder unreportedRoomCpu(double v) { unreportedRoomCpu = v; return this; }
        public Builder cascade(boolean v) { cascade = v; return this; }
        public Builder legCapacity(int v) { legCapacity = v; return this; }

        public PlacementSettings build() {
            return new PlacementSettings(cpuLimit, memoryLimit, diskLimit, networkLimit, consumerLimit, roomLimit,
                    workerCpuLimit, networkCapacityBytesPerSecond, consumerCapacity, roomCapacity,
                    cpuWeight, networkWeight, consumersWeight, roomsWeight, unreportedRoomCpu, cascade, legCapacity,
                    lapsedOwnerGraceMs);
        }
    }
}
