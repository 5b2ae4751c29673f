package org.mscluster.signaling.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.signaling.admin.AdminScope;
import org.mscluster.signaling.admin.ClusterSource;
import org.mscluster.signaling.json.Json;

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
            // A poll reads the summaries and then, for a cluster this small, the reports: 120 ms of reading, then
            // 1,080 ms apart. At most a tenth of the time reading, plus the poll under way.
            double reading = (reads.get() - before) * 0.060;
            assertThat(reading).isLessThanOrEqualTo(seconds / 10 + 0.120);
        }
    }

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");

    private static RoomSnapshot room(String ns, String id, String... peers) {
        return new RoomSnapshot(RoomKey.of(ns, id), 0, NOW, java.util.Arrays.stream(peers).map(p -> new RoomSnapshot.Peer(p, p,
                "eu", null, true, NOW, List.of(), 0, 1, 2, List.of())).toList(), List.of());
    }

    private static NodeReport node(String id, RoomSnapshot... rooms) {
        NodeIdentity identity = NodeIdentity.builder(id).region("eu/de").namespaces(Set.of("*")).build();
        return new NodeReport(identity, new NodeLoad(HostLoad.IDLE, List.of(WorkerLoad.idle(0)), NOW), List.of(rooms));
    }

    /** The data of the last {@code event: cluster} written to the channel. */
    private static JsonNode lastCluster(EmbeddedChannel channel) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Object written; (written = channel.readOutbound()) != null; ) {
            ByteBuf content = ((HttpContent) written).content();
            all.append(content.toString(StandardCharsets.UTF_8));
            content.release();
        }
        String text = all.toString();
        int at = text.lastIndexOf("event: cluster\ndata: ");
        assertThat(at).as(text).isNotNegative();
        String data = text.substring(at + "event: cluster\ndata: ".length());
        return Json.MAPPER.readTree(data.substring(0, data.indexOf("\n\n")));
    }

    /**
     * Past the room limit a scope gets the summary (figures per node, no room lists) with the limit; at
     * it, the whole view as before.
     */
    @Test
    void moreRoomsThanTheLimitAreSentAsTheSummary() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        try (ClusterFeed feed = new ClusterFeed(Clock.systemUTC(), 2)) {
            feed.subscribe(channel, AdminScope.operator("it"), false);
            feed.publishAt(1_000, List.of(node("n1", room("acme", "a", "p1"), room("acme", "b", "p2")),
                    node("n2", room("acme", "c", "p3"))));
            JsonNode summary = lastCluster(channel);
            assertThat(summary.path("view").asText()).isEqualTo("summary");
            assertThat(summary.path("roomLimit").asInt()).isEqualTo(2);
            assertThat(summary.path("totals").path("rooms").asInt()).isEqualTo(3);
            assertThat(summary.path("nodes")).hasSize(2);
            assertThat(summary.path("nodes").get(0).path("service").path("rooms").asInt()).isEqualTo(2);
            assertThat(summary.path("nodes").get(0).has("rooms")).isFalse();
            assertThat(summary.path("point").isObject()).isTrue();

            // Two rooms: within the limit, the whole view.
            feed.publishAt(2_000, List.of(node("n1", room("acme", "a", "p1"), room("acme", "b", "p2")), node("n2")));
            JsonNode full = lastCluster(channel);
            assertThat(full.has("view")).isFalse();
            assertThat(full.has("roomLimit")).isFalse();
            assertThat(full.path("totals").path("rooms").asInt()).isEqualTo(2);
            assertThat(full.path("nodes").get(0).path("rooms")).hasSize(2);
            assertThat(full.path("point").isObject()).isTrue();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /**
     * Polling reads the nodes' summaries, and their room lists only while the cluster is within the
     * limit: a cluster past it is sent as summaries without one room list read.
     */
    @Test
    void pollingAClusterPastTheLimitReadsNoRoomList() throws Exception {
        AtomicInteger reportReads = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<List<NodeReport>> cluster = new java.util.concurrent.atomic.AtomicReference<>(
                List.of(node("n1", room("acme", "a", "p1"), room("acme", "b", "p2")), node("n2", room("acme", "c", "p3"))));
        ClusterSource source = new ClusterSource() {
            @Override
            public CompletionStage<List<NodeReport>> reports() {
                reportReads.incrementAndGet();
                return CompletableFuture.completedFuture(cluster.get());
            }

            @Override
            public CompletionStage<List<org.mscluster.cluster.model.NodeSummary>> summaries() {
                return CompletableFuture.completedFuture(cluster.get().stream().map(NodeReport::summary).toList());
            }
        };
        EmbeddedChannel channel = new EmbeddedChannel();
        try (ClusterFeed feed = new ClusterFeed(Clock.systemUTC(), 2)) {
            feed.subscribe(channel, AdminScope.operator("it"), false);
            feed.pollOnce(source, Duration.ofSeconds(1));
            assertThat(reportReads).hasValue(0);
            JsonNode summary = lastCluster(channel);
            assertThat(summary.path("view").asText()).isEqualTo("summary");
            assertThat(summary.path("roomLimit").asInt()).isEqualTo(2);
            assertThat(summary.path("totals").path("rooms").asInt()).isEqualTo(3);

            // Down to two rooms: within the limit again, the whole view, from the room lists.
            cluster.set(List.of(node("n1", room("acme", "a", "p1"), room("acme", "b", "p2")), node("n2")));
            feed.pollOnce(source, Duration.ofSeconds(1));
            assertThat(reportReads).hasValue(1);
            JsonNode full = lastCluster(channel);
            assertThat(full.has("view")).isFalse();
            assertThat(full.path("nodes").get(0).path("rooms")).hasSize(2);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aNegativeRoomLimitIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClusterFeed(Clock.systemUTC(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0");
    }
}
