package org.mscluster.signaling.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;

class LeastLoadedLocalHostingTest {

    private static int worker(RoomHosting hosting, String room) {
        return hosting.locate(RoomKey.of(null, room), ClientHints.none()).toCompletableFuture().join().workerIndex();
    }

    @Test
    void spreadsNewRoomsOverTheLeastLoadedWorkers() {
        LeastLoadedLocalHosting hosting = new LeastLoadedLocalHosting(3);
        assertThat(List.of(worker(hosting, "a"), worker(hosting, "b"), worker(hosting, "c"), worker(hosting, "d")))
                .containsExactly(0, 1, 2, 0);
        hosting.release(RoomKey.of(null, "b"));
        assertThat(worker(hosting, "e")).isEqualTo(1);
        assertThat(hosting.roomsPerWorker()).containsExactly(2, 1, 1);
    }

    @Test
    void theSameRoomAlwaysGetsTheSameWorkerEvenUnderConcurrentAsks() {
        LeastLoadedLocalHosting hosting = new LeastLoadedLocalHosting(4);
        List<Integer> answers = IntStream.range(0, 200).parallel()
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> worker(hosting, "same")))
                .map(CompletableFuture::join).distinct().toList();
        assertThat(answers).hasSize(1);
        assertThat(hosting.roomsPerWorker()).containsExactly(1, 0, 0, 0);
    }

    @Test
    void namespacesSeparateRooms() {
        LeastLoadedLocalHosting hosting = new LeastLoadedLocalHosting(2);
        hosting.locate(RoomKey.of("a", "r"), ClientHints.none());
        hosting.locate(RoomKey.of("b", "r"), ClientHints.none());
        assertThat(hosting.roomsPerWorker()).containsExactly(1, 1);
    }
}
