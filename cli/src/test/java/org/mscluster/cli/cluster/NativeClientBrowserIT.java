package org.mscluster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.testing.ClusterFixture;

/**
 * A native client and a browser in one room of a standalone node: {@code mscluster client join} (real
 * WebRTC in its own JVM) and the web client in headless Chromium with fake devices. The client decodes the
 * page's video and receives its audio; the page decodes the client's test pattern (a frame with non-black
 * pixels, checked on a canvas in the page) and receives its tone; chat goes both ways.
 */
class NativeClientBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNativeClientAndABrowserExchangeVideoAudioAndChat() throws Exception {
        String room = "native-" + System.nanoTime();
        try (NodeProcess node = NodeProcess.startWith("native-standalone", List.of("--standalone",
                "--rtc-port", Integer.toString(ClusterFixture.freePortRange(1)), "--workers", "1"))) {
            ObjectNode spec = JSON.createObjectNode().put("baseUrl", node.url()).put("roomId", room);
            spec.putArray("pages").addObject().put("peerId", "page").put("region", "").put("token", "");
            try (BrowserScript page = BrowserScript.start("cascade-e2e.mjs", spec.toString())) {
                page.await("media", 90);
                try (ClientProcess client = ClientProcess.join(ClientProcess.ws(node.url()), room, "java", "--seconds", "15")) {
                    // The page's view of the client: video decoded, audio received, a picture that is not black.
                    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        JsonNode media = page.ask("state", "state", 20).path("pages").path(0).path("media").path("java");
                        return media.path("video").path("framesDecoded").asLong() > 0 && media.path("audio").path("packetsReceived").asLong() > 0;
                    });
                    JsonNode video = page.ask("pixels", "pixels", 20).path("pages").path(0).path("videos").path("java");
                    assertThat(video.path("width").asInt()).as("the test pattern's width in the page").isEqualTo(320);
                    assertThat(video.path("maxLevel").asDouble()).as("the brightest pixel of the client's video in the page").isGreaterThan(50);
                    page.ask("chat", "chat-sent", 30);
                    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                            page.ask("state", "state", 20).path("pages").path(0).path("chats").findValuesAsText("from").contains("java"));

                    assertThat(client.awaitExit(60)).as(client.stderr()).isZero();
                    JsonNode last = client.last();
                    JsonNode seen = last.path("peers").path(0);
                    assertThat(seen.path("peerId").asText()).isEqualTo("page");
                    assertThat(seen.path("video").path("framesDecoded").asLong()).isPositive();
                    assertThat(seen.path("video").path("width").asInt()).isPositive();
                    assertThat(seen.path("audio").path("packetsReceived").asLong()).isPositive();
                    assertThat(last.path("missing")).isEmpty();
                    assertThat(last.path("chats").findValuesAsText("peerId")).contains("page");
                    assertThat(last.path("rttMs").isNumber()).as("a round-trip time").isTrue();
                }
            }
        }
    }
}
