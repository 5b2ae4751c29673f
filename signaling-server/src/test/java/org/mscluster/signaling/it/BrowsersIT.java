package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * The acceptance test of the issue: three headless Chromium instances open the web client of a
 * standalone node and join one room (media both ways, chat, activeSpeaker, audioLevels, leave). A
 * protoo client that joined without {@code audioLevels} sits in the room too: it hears who speaks
 * ({@code activeSpeaker}) but gets no levels. The screenshot lands in target/artifacts/browsers-3.png.
 */
class BrowsersIT {

    private static NodeServer node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(1);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void threeBrowsersSeeHearAndChatWithEachOther() throws Exception {
        String roomId = "browsers-" + System.nanoTime();
        try (ProtooClient listener = ProtooClient.enter("ws://127.0.0.1:" + node.port() + "/?roomId=" + roomId
                + "&peerId=no-levels&namespace=default").get(10, TimeUnit.SECONDS)) {
            listener.join("No levels").get(10, TimeUnit.SECONDS);
            TestNodes.Run run = TestNodes.node(180, "browsers-e2e.mjs", node.url(), TestNodes.ARTIFACTS.toString(), "3",
                    roomId, "1");
            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
            JsonNode result = Json.MAPPER.readTree(run.lastLine());
            assertThat(result.get("chatDelivered").asInt()).isEqualTo(2);
            assertThat(result.get("activeSpeaker").asBoolean()).isTrue();
            assertThat(result.get("audioLevelsFrom")).hasSize(3);
            assertThat(result.get("audioLevelsInSilence").asInt()).isZero();
            assertThat(listener.received("activeSpeaker")).anyMatch(data -> data.hasNonNull("peerId"));
            assertThat(listener.received("audioLevels")).isEmpty();
            assertThat(result.get("leaveObserved").asBoolean()).isTrue();
            assertThat(Files.size(TestNodes.ARTIFACTS.resolve("browsers-3.png"))).isPositive();
            System.out.println("[BrowsersIT] " + result);
        }
    }
}
