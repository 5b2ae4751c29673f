package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.json.Json;

/**
 * The acceptance test of the issue: three headless Chromium instances open the web client of a
 * standalone node and join one room (media both ways, chat, activeSpeaker, leave). The screenshot
 * lands in target/artifacts/browsers-3.png.
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
        TestNodes.Run run = TestNodes.node(180, "browsers-e2e.mjs", node.url(), TestNodes.ARTIFACTS.toString(), "3");
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        JsonNode result = Json.MAPPER.readTree(run.lastLine());
        assertThat(result.get("chatDelivered").asInt()).isEqualTo(2);
        assertThat(result.get("activeSpeaker").asBoolean()).isTrue();
        assertThat(result.get("leaveObserved").asBoolean()).isTrue();
        assertThat(Files.size(TestNodes.ARTIFACTS.resolve("browsers-3.png"))).isPositive();
        System.out.println("[BrowsersIT] " + result);
    }
}
