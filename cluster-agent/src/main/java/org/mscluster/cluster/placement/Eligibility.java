package org.mscluster.cluster.placement;

/** Why a live node may or may not take a new room; surfaced in "no node available" errors. */
public enum Eligibility {
    ELIGIBLE,
    /** A media host: it runs workers for signaling nodes and takes no clients itself. */
    MEDIA_HOST,
    /** Started with {@code --egress-only}: it runs egresses of rooms hosted elsewhere and takes no peers. */
    EGRESS_ONLY,
    DRAINING,
    NAMESPACE_NOT_SERVED,
    NO_WORKERS,
    CPU_OVER_LIMIT,
    MEMORY_OVER_LIMIT,
    DISK_OVER_LIMIT,
    NETWORK_OVER_LIMIT,
    CONSUMERS_OVER_LIMIT,
    ROOMS_OVER_LIMIT,
    ALL_WORKERS_BUSY
}
