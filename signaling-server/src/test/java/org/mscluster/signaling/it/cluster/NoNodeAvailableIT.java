package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * A join at a node for a room no node of the cluster can host (here: a namespace nobody serves) is
 * no server error: the socket closes with 1013, try again later, and its first request gets a 503.
 */
class NoNodeAvailableIT {

    private static ClusterFixture cluster;
    private static NodeServer betaOnly;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        betaOnly = cluster.node("beta-only", 1, settings -> settings.namespaces(Set.of("beta")));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aJoinNoNodeCanHostClosesWithTryAgainLater() throws Exception {
        ProtooClient client = ProtooClient.connect(ClusterFixture.query(betaOnly.url(), "acme", "homeless", "p1",
                cluster.token("acme", "homeless", "p1"))).get(10, TimeUnit.SECONDS);
        long id = client.sendRequest("getRouterRtpCapabilities", Map.of());
        assertThat(client.response(id).path("errorCode").asInt()).isEqualTo(503);
        assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
    }
}
