package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.load.HostLoadSource;
import org.mscluster.cluster.locate.CidrTable;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * Placement by the example: nodes in {@code asia/cn/east}, {@code asia/cn/north} and {@code
 * europe/de} with different carriers, one set aside for namespace {@code acme}; new rooms asked for
 * through a dispatcher's {@code /api/dispatch} by users from various places. Each question uses a
 * new room, so each answer is a placement decision.
 */
class PlacementIT {

    private static ClusterFixture cluster;
    private static DispatcherServer dispatcher;
    private static DispatcherServer locatingDispatcher;
    private static final AtomicReference<HostLoad> shTelecomLoad = new AtomicReference<>(ClusterFixture.LIGHT);
    private static final AtomicInteger rooms = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        cluster.node("sh-telecom", 1, s -> s.region("asia/cn/east").isp("telecom")
                .hostLoad(HostLoadSource.of(shTelecomLoad::get)));
        cluster.node("sh-unicom", 1, s -> s.region("asia/cn/east").isp("unicom"));
        cluster.node("bj-telecom", 1, s -> s.region("asia/cn/north").isp("telecom"));
        cluster.node("bj-mobile", 1, s -> s.region("asia/cn/north").isp("mobile").priority(5));
        cluster.node("de", 1, s -> s.region("europe/de"));
        cluster.node("acme-sh", 1, s -> s.region("asia/cn/east/sh").isp("telecom").namespaces("acme"));
        dispatcher = cluster.dispatcher();
        locatingDispatcher = cluster.dispatcher(d -> d.cidrTable(CidrTable.parse(new StringReader(
                "127.0.0.0/8   europe/de/berlin   -\n"))));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() == 6);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aUserFromShanghaiOnTelecomGetsTheEastChinaTelecomNode() throws Exception {
        assertThat(place(dispatcher, "default", "asia/cn/east/sh", "telecom")).isEqualTo("sh-telecom");
    }

    @Test
    void theSameRegionOnAnotherCarrierGetsThatCarriersNode() throws Exception {
        assertThat(place(dispatcher, "default", "asia/cn/east/sh", "unicom")).isEqualTo("sh-unicom");
    }

    @Test
    void theCarrierOutranksPriorityWithinARegion() throws Exception {
        assertThat(place(dispatcher, "default", "asia/cn/north/bj", "telecom")).isEqualTo("bj-telecom");
    }

    @Test
    void priorityBreaksTiesBetweenEquallyCloseNodes() throws Exception {
        // Neither north node is on unicom: the one with priority 5 wins over the one with 0.
        assertThat(place(dispatcher, "default", "asia/cn/north/bj", "unicom")).isEqualTo("bj-mobile");
    }

    @Test
    void aUserInEuropeGetsTheEuropeanNode() throws Exception {
        assertThat(place(dispatcher, "default", "europe/de/berlin", null)).isEqualTo("de");
    }

    @Test
    void aNamespaceDedicatedNodeTakesOnlyItsNamespace() throws Exception {
        // acme-sh is the closest node of all to this user, but serves acme only.
        assertThat(place(dispatcher, "acme", "asia/cn/east/sh", "telecom")).isEqualTo("acme-sh");
        assertThat(place(dispatcher, "default", "asia/cn/east/sh", "telecom")).isEqualTo("sh-telecom");
        assertThat(place(dispatcher, "beta", "asia/cn/east/sh", "telecom")).isEqualTo("sh-telecom");
    }

    @Test
    void aNodeOverItsCpuThresholdGetsNoNewRooms() throws Exception {
        shTelecomLoad.set(HostLoad.of(0.95, 0.30, 0, 0, 0.20));
        try {
            // The next load report (1 s) and the dispatcher's view of the nodes (1 s) must both see it.
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> place(dispatcher, "default", "asia/cn/east/sh", "telecom").equals("sh-unicom"));
        } finally {
            shTelecomLoad.set(ClusterFixture.LIGHT);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> place(dispatcher, "default", "asia/cn/east/sh", "telecom").equals("sh-telecom"));
    }

    @Test
    void aUserWhoNamesNoRegionIsLocatedByTheCidrTable() throws Exception {
        // The test's requests come from 127.0.0.1, which the table puts in Berlin.
        assertThat(place(locatingDispatcher, "default", null, null)).isEqualTo("de");
        assertThat(place(locatingDispatcher, "default", "asia/cn/east/sh", "unicom")).isEqualTo("sh-unicom");
    }

    /** The node a new room goes to for a user from {@code region} on {@code isp}. */
    private static String place(DispatcherServer through, String namespace, String region, String isp) throws Exception {
        String room = "placed-" + rooms.incrementAndGet();
        String url = through.url() + "api/dispatch?roomId=" + room + "&peerId=u1&namespace=" + namespace
                + "&token=" + ClusterFixture.enc(cluster.token(namespace, room, "u1"))
                + (region == null ? "" : "&region=" + ClusterFixture.enc(region)) + (isp == null ? "" : "&isp=" + isp);
        HttpResponse<String> response = ClusterFixture.get(url);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = ProtooClient.JSON.readTree(response.body());
        return body.get("nodeId").asText();
    }
}
