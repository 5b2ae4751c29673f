package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.cluster.ClusterSettings;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.net.TlsSettings;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/** Node options beyond the defaults: TLS with a generated certificate, and a room hosting that redirects. */
class NodeOptionsIT {

    @Test
    void servesHttpsWithAGeneratedCertificate() throws Exception {
        try (NodeServer node = new NodeServer(NodeConfig.builder().listenIp("127.0.0.1").port(0).workers(1)
                .rtcPort(ClusterFixture.freePortRange(1)).tls(TlsSettings.selfSigned()).build()).start()) {
            assertThat(node.url()).startsWith("https://");
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            HttpResponse<String> response = HttpClient.newBuilder().sslContext(trustAll).build().send(
                    HttpRequest.newBuilder(URI.create(node.url() + "health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(Json.MAPPER.readTree(response.body()).get("status").asText()).isEqualTo("up");
            JsonNode dispatch = Json.MAPPER.readTree(HttpClient.newBuilder().sslContext(trustAll).build().send(
                    HttpRequest.newBuilder(URI.create(node.url() + "api/dispatch?roomId=r&peerId=p")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(dispatch.get("url").asText()).startsWith("wss://");
        }
    }

    @Test
    void aRoomHostedElsewhereGetsARedirectNotificationAndClose4302() throws Exception {
        // The store this node shares with another one, which already holds the room. Its clock stands still,
        // so node-b, which sends no heartbeats, stays live however long this node takes to start on a busy machine.
        ClusterStore store = ClusterStore.inMemory(Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC));
        NodeIdentity nodeB = NodeIdentity.builder("node-b").signalingUrl("ws://10.9.8.7:4443/").build();
        store.registry().register(NodeReport.idle(nodeB, 2, Instant.now()));
        store.directory().claim(new RoomPlacement(RoomKey.of("default", "remote-1"), "node-b", 1, Instant.now()));
        ClusterSettings hosting = ClusterSettings.builder().store(store).reportInterval(Duration.ofMillis(500)).build();
        try (NodeServer node = new NodeServer(NodeConfig.builder().listenIp("127.0.0.1").port(0).workers(1)
                .rtcPort(ClusterFixture.freePortRange(1)).build(), hosting).start();
                ProtooClient client = ProtooClient.connect(node.address().getPort(), "remote-1", "p1")) {
            JsonNode redirect = client.notification("redirect");
            assertThat(redirect.get("data").get("url").asText())
                    .isEqualTo("ws://10.9.8.7:4443/?roomId=remote-1&peerId=p1&namespace=default");
            assertThat(redirect.get("data").get("nodeId").asText()).isEqualTo("node-b");
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.REDIRECT);
            assertThat(node.rooms().rooms()).isEmpty();
        }
    }
}
