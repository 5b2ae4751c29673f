package org.mscluster.signaling.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.events.NodeEvent;
import org.mscluster.cluster.events.NodeEventDelivery;
import org.mscluster.cluster.testing.Nodes;
import org.mscluster.cluster.token.NamespaceSecrets;

/** A node event given up at its receiver reports why, for its dead letter: the last status and the attempts. */
class NodeWebhooksTest {
    private static final String SECRET = "acme-0123456789abcdef0123456789abcdef";

    private HttpServer receiver;
    private final AtomicInteger status = new AtomicInteger(503);
    private final AtomicInteger requests = new AtomicInteger();
    private WebhookSender sender;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
        WebhookSettings settings = new WebhookSettings(Map.of("acme", List.of(url)), null, null, null, null, false)
                .withRetry(Duration.ofMillis(400), Duration.ofMillis(20), Duration.ofMillis(50));
        sender = new WebhookSender(settings, NamespaceSecrets.of(Map.of("acme", SECRET)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        sender.close();
        receiver.stop(0);
    }

    private static NodeEvent up() {
        return NodeEvent.of(NodeEvent.Type.UP, Nodes.identity("n1", "eu/de", ""), null, Instant.now());
    }

    @Test
    void aGivenUpEventReportsTheReceiversLastStatusAndTheAttempts() throws Exception {
        NodeEventDelivery outcome = new NodeWebhooks(sender, Clock.systemUTC()).deliverReporting(up())
                .get(20, TimeUnit.SECONDS);
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.lastError()).isEqualTo("HTTP 503");
        assertThat(outcome.attempts()).isPositive().isEqualTo(requests.get());
    }

    @Test
    void aDeliveredEventReportsNoError() throws Exception {
        status.set(204);
        NodeWebhooks hooks = new NodeWebhooks(sender, Clock.systemUTC());
        assertThat(hooks.deliverReporting(up()).get(20, TimeUnit.SECONDS)).isEqualTo(NodeEventDelivery.DELIVERED);
        assertThat(hooks.deliver(up()).get(20, TimeUnit.SECONDS)).isTrue();
    }
}
