package org.mscluster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisClients;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.webhooks.WebhookSignature;
import redis.clients.jedis.UnifiedJedis;

/**
 * The node events' outbox across a dispatcher's death, from outside: two dispatchers as processes with
 * node webhooks to a receiver that refuses (503) at first. The lease holder records {@code node_up} of
 * a node and keeps retrying it; it is killed with {@code kill -9} before any delivery succeeded; the
 * receiver then accepts, and the other dispatcher, once it holds the lease, delivers the event from
 * the outbox: accepted exactly once, under the id the first one tried, validly signed.
 */
class NodeEventsKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEventRecordedByAKilledHolderIsDeliveredOnceByTheOther() throws Exception {
        AtomicBoolean accepting = new AtomicBoolean();
        Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        AtomicInteger badlySigned = new AtomicInteger();
        byte[] secret = ClusterFixture.ACME_SECRET.getBytes(StandardCharsets.UTF_8);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode event = JSON.readTree(body);
            String id = event.path("id").asText();
            if (!WebhookSignature.verify(secret, body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER))
                    || !id.equals(exchange.getRequestHeaders().getFirst("X-Mscluster-Delivery"))) {
                badlySigned.incrementAndGet();
            }
            boolean ok = accepting.get();
            (ok ? accepted : refused).computeIfAbsent(event.path("event").asText() + " " + id, k -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(ok ? 204 : 503, -1);
            exchange.close();
        });
        receiver.start();
        ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor();
        try (LocalRedisServer redis = LocalRedisServer.start();
                UnifiedJedis jedis = RedisClients.open(RedisUrl.parse(redis.url()));
                ClusterStore store = ClusterStore.redis(RedisUrl.parse(redis.url()), ClusterStore.DEFAULT_KEY_PREFIX,
                        Clock.systemUTC())) {
            List<String> args = List.of("--redis", redis.url(), "--namespace-secret", "acme=" + ClusterFixture.ACME_SECRET,
                    "--webhook", "acme=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
            String lease = new KeySpace(ClusterStore.DEFAULT_KEY_PREFIX).nodeEventsLease();
            try (DispatcherProcess first = DispatcherProcess.start("events-a", "127.0.0.1", args);
                    DispatcherProcess second = DispatcherProcess.start("events-b", "127.0.0.1", args)) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jedis.get(lease) != null);
                DispatcherProcess holder = jedis.get(lease).startsWith("events-a") ? first : second;
                String holderName = jedis.get(lease);

                // A node comes (as the registry knows it: no media needed); its reports keep it there.
                NodeIdentity node = NodeIdentity.builder("kill-events-n1").signalingUrl("ws://127.0.0.1:1/").namespaces("acme")
                        .build();
                store.registry().register(NodeReport.idle(node, 1, Clock.systemUTC().instant()));
                reports.scheduleWithFixedDelay(() -> {
                    try {
                        store.registry().refresh(NodeReport.idle(node, 1, Clock.systemUTC().instant()));
                    } catch (RuntimeException e) {
                        // Redis closing at the end
                    }
                }, 500, 500, TimeUnit.MILLISECONDS);

                // Recorded and tried by the holder, refused: then the holder dies.
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !refused.isEmpty());
                holder.kill9();
                accepting.set(true);

                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !accepted.isEmpty());
                assertThat(jedis.get(lease)).isNotNull().isNotEqualTo(holderName);
                Thread.sleep(2500); // the survivor's later ticks: nothing again
                assertThat(accepted.keySet()).as("accepted: the event the dead holder tried, once")
                        .containsExactlyElementsOf(refused.keySet());
                assertThat(accepted.values()).allMatch(count -> count.get() == 1);
                assertThat(refused.keySet()).singleElement().asString().startsWith("node_up ");
                assertThat(badlySigned).hasValue(0);
                assertThat(jedis.zcard(new KeySpace(ClusterStore.DEFAULT_KEY_PREFIX).nodeEventsOutbox())).isZero();
                System.out.println("[NodeEventsKillIT] refused by id " + refused + ", accepted by id " + accepted);
            }
        } finally {
            reports.shutdownNow();
            receiver.stop(0);
        }
    }
}
