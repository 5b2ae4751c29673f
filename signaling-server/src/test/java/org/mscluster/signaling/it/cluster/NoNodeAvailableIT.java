package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
 * no server error: the socket closes with 1013, try again later (a request already sent gets a 503).
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
        // The node decides at once, often before the client could send anything: the close code is the answer.
        assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
    }
}
