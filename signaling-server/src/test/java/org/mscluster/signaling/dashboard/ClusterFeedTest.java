package org.mscluster.signaling.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.signaling.admin.ClusterSource;

class ClusterFeedTest {

    @Test
    void aFastReadKeepsTheIntervalAndASlowOneIsSpacedOut() {
        Duration second = Duration.ofSeconds(1);
        assertThat(ClusterFeed.nextDelay(second, Duration.ofMillis(20))).isEqualTo(second);
        assertThat(ClusterFeed.nextDelay(second, Duration.ofMillis(111))).isEqualTo(second);
        assertThat(ClusterFeed.nextDelay(second, Duration.ofMillis(112))).isEqualTo(Duration.ofMillis(1_008));
        // A read of 3 s (every room of a very large cluster): the next one 27 s later, 10% of the time reading.
        assertThat(ClusterFeed.nextDelay(second, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(27));
    }

    /**
     * Reads of 60 ms with an interval of 5 ms: a fixed delay would read ~15 times in a second and hold the
     * store most of it; spaced out, reads take at most a tenth of the time. Under load reads only get
     * longer, and rarer: the bound holds however slow the machine.
     */
    @Test
    void pollingASlowSourceReadsItAtMostATenthOfTheTime() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ClusterSource slow = new ClusterSource() {
            @Override
            public CompletionStage<List<NodeReport>> reports() {
                reads.incrementAndGet();
                try {
                    Thread.sleep(60);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CompletableFuture.completedFuture(List.of());
            }
        };
        try (ClusterFeed feed = new ClusterFeed(Clock.systemUTC()).pollEvery(slow, Duration.ofMillis(5))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 1);
            long started = System.nanoTime();
            int before = reads.get();
            Thread.sleep(1_500);
            double seconds = (System.nanoTime() - started) / 1e9;
            // At most one read per 600 ms (60 ms reading, 540 ms apart), plus the one under way.
            assertThat(reads.get() - before).isLessThanOrEqualTo((int) (seconds / 0.6) + 1);
        }
    }
}
