package org.mscluster.signaling.cluster;

import java.time.Clock;
import java.time.Duration;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.token.NamespaceSecrets;

/**
 * How nodes and dispatchers alike keep a room whole while its node is cut off from Redis: their
 * placers ask a room's owner that dropped out of the registry within {@link
 * PlacementSettings#lapsedOwnerGraceMs()} whether it still hosts the room ({@link HttpOwnerProbe},
 * {@link HostedRoomRoute}) before placing the room afresh.
 */
public final class LapsedOwners {

    private LapsedOwners() {
    }

    /**
     * {@code placer}, probing lapsed owners unless the settings' grace is 0.
     *
     * @param secrets the namespaces' secrets, to sign the probes as the owners' route wants
     */
    public static RoomPlacer probing(RoomPlacer placer, PlacementSettings settings, NamespaceSecrets secrets, Clock clock) {
        if (settings.lapsedOwnerGraceMs() == 0) {
            return placer;
        }
        return placer.probeLapsedOwners(new HttpOwnerProbe(HttpOwnerProbe.DEFAULT_TIMEOUT, secrets, clock),
                Duration.ofMillis(settings.lapsedOwnerGraceMs()));
    }
}
