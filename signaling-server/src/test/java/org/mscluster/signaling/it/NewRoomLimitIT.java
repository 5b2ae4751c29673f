package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * New rooms one client address may open on a real node a minute (3 here): the first three rooms
 * open, the fourth new room is refused (a 429 protoo error to the peer's request, the socket closed
 * with 4000 and a reason, counted in {@code mscluster_refusals_total{reason="rooms_per_address"}}), and
 * joining a room that is already open still works from the same address.
 */
class NewRoomLimitIT {

    private static final int PER_MINUTE = 3;
    private static NodeServer node;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(1, config -> config.roomSettings(TestNodes.LOOPBACK_ROOMS.withNewRoomsPerAddressPerMinute(PER_MINUTE)));
        port = node.address().getPort();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theFourthNewRoomOfAMinuteIsRefusedAndOpenRoomsCanStillBeJoined() throws Exception {
        List<ProtooClient> open = new ArrayList<>();
        try {
            for (int i = 1; i <= PER_MINUTE; i++) {
                ProtooClient opener = ProtooClient.connect(port, "new-room-" + i, "opener");
                open.add(opener);
                assertThat(opener.request("getRouterRtpCapabilities", Map.of()).path("ok").asBoolean()).as("room %d", i).isTrue();
            }
            assertThat(node.rooms().rooms()).hasSize(PER_MINUTE);

            ProtooClient refused = ProtooClient.connect(port, "new-room-4", "opener");
            long id = refused.sendRequest("getRouterRtpCapabilities", Map.of());
            assertThat(refused.awaitClose()).isEqualTo(CloseCodes.CLOSED_BY_SERVER);
            assertThat(refused.closeReason).isEqualTo("too many new rooms from this address");
            // The request sent at once waited for the room and got its answer before the close.
            JsonNode answer = refused.received.stream()
                    .filter(m -> m.path("response").asBoolean() && m.path("id").asLong() == id).findFirst().orElseThrow();
            assertThat(answer.path("ok").asBoolean()).isFalse();
            assertThat(answer.path("errorCode").asInt()).isEqualTo(429);
            assertThat(answer.path("errorReason").asText())
                    .isEqualTo("too many new rooms from this address (at most 3 a minute); join an open room or try again later");
            assertThat(node.rooms().rooms()).as("no room left behind").hasSize(PER_MINUTE);
            assertThat(metric("rooms_per_address")).isEqualTo(1);

            // Joining a room that is open takes nothing from the address's share.
            for (int i = 1; i <= PER_MINUTE; i++) {
                ProtooClient joiner = ProtooClient.connect(port, "new-room-" + i, "joiner");
                open.add(joiner);
                assertThat(joiner.request("getRouterRtpCapabilities", Map.of()).path("ok").asBoolean()).as("join %d", i).isTrue();
            }
            assertThat(metric("rooms_per_address")).isEqualTo(1);
        } finally {
            open.forEach(ProtooClient::close);
        }
        // A room that closed and opens again is a new room: still refused within the minute.
        TestNodes.awaitNothingLeft(node);
        ProtooClient again = ProtooClient.connect(port, "new-room-1", "opener");
        assertThat(again.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.CLOSED_BY_SERVER);
        assertThat(metric("rooms_per_address")).isEqualTo(2);
    }

    /** The node's {@code mscluster_refusals_total} for {@code reason}. */
    private static double metric(String reason) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(l -> l.startsWith("mscluster_refusals_total{") && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
