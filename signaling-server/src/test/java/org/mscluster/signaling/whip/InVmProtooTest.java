package org.mscluster.signaling.whip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.protoo.ConnectionRequest;

/**
 * The in-VM protoo pair delivers every answer however the room answers: the WHIP stall of issue 16
 * was an answer given synchronously, on the pair's event loop, to a request the session sent from its
 * handling of the previous answer. With both ends on one loop the whole exchange ran nested inside
 * the server end's flush of that previous answer, and Netty skips a flush re-entered on the same
 * channel: the answer stayed in the server end's outbound buffer until the next write, which a
 * session waiting for it never caused.
 */
class InVmProtooTest {

    private InVmProtoo peers;

    @AfterEach
    void close() {
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void answersARequestSentFromTheHandlingOfTheLastAnswerWhenTheRoomAnswersAtOnce() throws Exception {
        peers = new InVmProtoo("test", (request, peer) -> peer.setRequestHandler((self, message) ->
                // "first" is answered from another thread (as a room's executor does), "second" at once, on the loop.
                message.method().equals("first")
                        ? CompletableFuture.supplyAsync(() -> Map.of("n", 1), CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))
                        : CompletableFuture.completedFuture(Map.of("n", 2))), Duration.ofSeconds(5));
        InVmProtooClient client = peers.connect(new ConnectionRequest("room", "peer", null, null, null, null, 0, null, null))
                .get(5, TimeUnit.SECONDS);

        for (int i = 0; i < 20; i++) {
            var second = client.request("first", Map.of()).thenCompose(first -> client.request("second", Map.of()));
            assertThat(second.get(5, TimeUnit.SECONDS).get("n").asInt()).isEqualTo(2);
        }
        client.close();
    }
}
