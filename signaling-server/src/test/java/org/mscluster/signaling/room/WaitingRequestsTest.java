package org.mscluster.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.protoo.ProtooError;
import org.mscluster.signaling.protoo.ProtooMessage;
import org.mscluster.signaling.protoo.ProtooPeer;

class WaitingRequestsTest {

    private final ProtooPeer peer = new ProtooPeer("p", new EmbeddedChannel(), Duration.ofSeconds(1));

    private static ProtooMessage.Request request(long id) {
        return new ProtooMessage.Request(id, "m" + id, null);
    }

    @Test
    void requestsThatArriveBeforeTheRoomAreHandedOverInArrivalOrder() {
        WaitingRequests waiting = new WaitingRequests();
        List<CompletionStage<?>> results = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            results.add(waiting.handle(peer, request(id)));
        }
        List<Long> seen = new ArrayList<>();
        waiting.attach((p, r) -> {
            seen.add(r.id());
            return CompletableFuture.completedFuture(r.method());
        });
        results.add(waiting.handle(peer, request(6)));
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(results.get(0).toCompletableFuture().join()).isEqualTo("m1");
    }

    @Test
    void failingAnswersWaitingAndLaterRequests() {
        WaitingRequests waiting = new WaitingRequests();
        CompletableFuture<?> before = waiting.handle(peer, request(1)).toCompletableFuture();
        waiting.fail(new ProtooError(403, "redirected"));
        assertThat(before).isCompletedExceptionally();
        assertThat(waiting.handle(peer, request(2)).toCompletableFuture()).isCompletedExceptionally();
    }
}
