package org.mscluster.signaling.cluster;

import java.time.Duration;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.placement.PlacementSettings;

/**
 * How nodes and dispatchers alike keep a room whole while its node is cut off from Redis: their
 * placers ask a room's owner that dropped out of the registry within {@link
 * PlacementSettings#lapsedOwnerGraceMs()} whether it still hosts the room ({@link HttpOwnerProbe},
 * {@link HostedRoomRoute}) before placing the room afresh.
 */
public final class LapsedOwners {

    private LapsedOwners() {
    }

    /** {@code placer}, probing lapsed owners unless the settings' grace is 0. */
    public static RoomPlacer probing(RoomPlacer placer, PlacementSettings settings) {
        if (settings.lapsedOwnerGraceMs() == 0) {
            return placer;
        }
        return placer.probeLapsedOwners(new HttpOwnerProbe(HttpOwnerProbe.DEFAULT_TIMEOUT),
                Duration.ofMillis(settings.lapsedOwnerGraceMs()));
    }
}
