package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.signaling.dispatcher.DispatcherOperations;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.webhooks.WebhookSettings;
import org.mscluster.signaling.webhooks.WebhookSignature;

/**
 * Node webhooks in a cluster: with two dispatchers configured to send them, every node_up, node_draining
 * and node_down reaches the receiver exactly once, validly signed, and a dispatcher that takes the lease
 * over after the holder stopped does not announce the nodes again.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Received(JsonNode body, boolean signed) {
    }

    @Test
    void twoDispatchersSendEachNodeEventOnce() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] secret = ClusterFixture.ACME_SECRET.getBytes(StandardCharsets.UTF_8);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(JSON.readTree(body),
                    WebhookSignature.verify(secret, body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (ClusterFixture cluster = new ClusterFixture()) {
            WebhookSettings hooks = WebhookSettings.parse(List.of("acme=http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hooks"));
            List<DispatcherOperations> operations = new ArrayList<>();
            List<DispatcherServer> dispatchers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                DispatcherOperations ops = new DispatcherOperations(cluster.secrets, "cluster", null, null)
                        .nodeWebhooks(hooks, "d" + i);
                operations.add(ops);
                dispatchers.add(cluster.dispatcher(b -> b.extraRoutes(ops)));
            }
            // Nodes as the registry knows them: no media needed to come, drain and go.
            NodeIdentity n1 = NodeIdentity.builder("n1").signalingUrl("ws://127.0.0.1:1/").namespaces("acme").build();
            NodeIdentity n2 = NodeIdentity.builder("n2").signalingUrl("ws://127.0.0.1:2/").namespaces("*").build();
            NodeIdentity other = NodeIdentity.builder("n3").signalingUrl("ws://127.0.0.1:3/").namespaces("beta").build();
            List<NodeIdentity> nodes = List.of(n1, n2, other);
            for (NodeIdentity node : nodes) {
                cluster.store().registry().register(NodeReport.idle(node, 1, Clock.systemUTC().instant()));
            }
            // Their load reports, which keep their leases running.
            ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor();
            reports.scheduleWithFixedDelay(() -> {
                for (NodeIdentity node : nodes) {
                    try {
                        cluster.store().registry().refresh(NodeReport.idle(node, 1, Clock.systemUTC().instant()));
                    } catch (RuntimeException e) {
                        // Redis closing at the end
                    }
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
            try {
                run(cluster, received, operations, dispatchers);
            } finally {
                reports.shutdownNow();
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static void run(ClusterFixture cluster, List<Received> received, List<DispatcherOperations> operations,
            List<DispatcherServer> dispatchers) throws Exception {
        await(received, r -> count(received, "node_up") == 2);

        cluster.store().registry().setState("n1", NodeState.DRAINING);
        await(received, r -> count(received, "node_draining") == 1);

        // The lease holder stops; the other dispatcher takes over where it left off.
        int holder = operations.get(0).sendsNodeEvents() ? 0 : 1;
        assertThat(operations.get(1 - holder).sendsNodeEvents()).as("one sender at a time").isFalse();
        dispatchers.get(holder).close();
        cluster.store().registry().deregister("n2");
        await(received, r -> count(received, "node_down") == 1);
        assertThat(operations.get(1 - holder).sendsNodeEvents()).isTrue();

        Thread.sleep(2500);
        assertThat(count(received, "node_up")).as("node_up, none again after the takeover").isEqualTo(2);
        assertThat(count(received, "node_draining")).isEqualTo(1);
        assertThat(count(received, "node_down")).isEqualTo(1);
        assertThat(received).allMatch(Received::signed);
        assertThat(received).allMatch(r -> r.body().path("namespace").asText().equals("acme"));
        assertThat(received.stream().map(r -> r.body().path("id").asText()).distinct().count())
                .isEqualTo(received.size());
        assertThat(received.stream().filter(r -> r.body().path("event").asText().equals("node_down")).findFirst()
                .orElseThrow().body().path("node").path("id").asText()).isEqualTo("n2");
        assertThat(received.stream().map(r -> r.body().path("node").path("id").asText())).doesNotContain("n3");
    }

    private static long count(List<Received> received, String event) {
        return received.stream().filter(r -> r.body().path("event").asText().equals(event)).count();
    }

    private static void await(List<Received> received, Predicate<List<Received>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.test(received)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("webhooks so far: " + received);
            }
            Thread.sleep(50);
        }
    }
}
