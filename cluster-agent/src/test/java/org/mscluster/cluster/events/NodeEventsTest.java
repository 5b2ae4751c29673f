package org.mscluster.cluster.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class NodeEventsTest {

    private static final Duration LEASE = Duration.ofSeconds(3);

    private final FakeClock clock = new FakeClock();
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock, Duration.ofSeconds(3));
    private final InMemoryNodeEventLedger ledger = new InMemoryNodeEventLedger(clock);
    private final List<String> told = new CopyOnWriteArrayList<>();

    private NodeEventListener recorder(String who) {
        return event -> {
            told.add(who + " " + event.type().name().toLowerCase(java.util.Locale.ROOT) + " " + event.node().id());
            return CompletableFuture.completedFuture(true);
        };
    }

    private void register(String id) {
        registry.register(Nodes.report(Nodes.identity(id, "eu/de", ""), Nodes.idle(1)));
    }

    @Test
    void twoEntryPointsTellEachEventOnce() {
        NodeEvents first = NodeEvents.manual("d1", ledger, registry, recorder("d1"), LEASE);
        NodeEvents second = NodeEvents.manual("d2", ledger, registry, recorder("d2"), LEASE);
        register("n1");
        first.tick();
        second.tick();
        assertThat(told).containsExactly("d1 up n1");
        assertThat(first.leader()).isTrue();
        assertThat(second.leader()).isFalse();

        registry.setState("n1", NodeState.DRAINING);
        second.tick();
        first.tick();
        first.tick();
        assertThat(told).containsExactly("d1 up n1", "d1 draining n1");

        registry.deregister("n1");
        first.tick();
        second.tick();
        assertThat(told).containsExactly("d1 up n1", "d1 draining n1", "d1 down n1");
    }

    @Test
    void aNodeWhoseLeaseRanOutIsDown() {
        NodeEvents events = NodeEvents.manual("d1", ledger, registry, recorder("d1"), LEASE);
        register("n1");
        events.tick();
        clock.advance(Duration.ofSeconds(4)); // n1 stopped reporting; the holder renews by ticking
        events.tick();
        assertThat(told).containsExactly("d1 up n1", "d1 down n1");
    }

    @Test
    void aTakeoverGoesOnWhereTheHolderStoppedAndRepeatsNothing() {
        NodeEvents first = NodeEvents.manual("d1", ledger, registry, recorder("d1"), LEASE);
        NodeEvents second = NodeEvents.manual("d2", ledger, registry, recorder("d2"), LEASE);
        register("n1");
        first.tick();
        second.tick();
        // d1 dies without releasing: d2 waits for the lease to run out, then takes over.
        register("n2");
        clock.advance(Duration.ofSeconds(2));
        second.tick();
        assertThat(second.leader()).isFalse();
        registry.refresh(Nodes.report("n1", Nodes.idle(1)));
        registry.refresh(Nodes.report("n2", Nodes.idle(1)));
        clock.advance(Duration.ofSeconds(2));
        second.tick();
        assertThat(second.leader()).isTrue();
        assertThat(told).containsExactly("d1 up n1", "d2 up n2");
    }

    @Test
    void aReleasedLeaseIsTakenAtTheNextTick() {
        NodeEvents first = NodeEvents.manual("d1", ledger, registry, recorder("d1"), LEASE);
        NodeEvents second = NodeEvents.manual("d2", ledger, registry, recorder("d2"), LEASE);
        first.tick();
        first.close();
        second.tick();
        assertThat(second.leader()).isTrue();
    }

    @Test
    void eventsAHolderRecordedButDidNotDeliverAreDeliveredByTheNextOnceAndOnlyOnce() {
        List<NodeEvent> handedToFirst = new CopyOnWriteArrayList<>();
        // d1's deliveries never finish: it dies with them in flight, without releasing the lease.
        NodeEvents first = NodeEvents.manual("d1", ledger, registry, event -> {
            handedToFirst.add(event);
            return new CompletableFuture<>();
        }, LEASE);
        NodeEvents second = NodeEvents.manual("d2", ledger, registry, recorder("d2"), LEASE);
        register("n1");
        first.tick();
        assertThat(handedToFirst).hasSize(1);
        assertThat(ledger.outbox(10)).containsExactlyElementsOf(handedToFirst);

        clock.advance(Duration.ofSeconds(2));
        registry.refresh(Nodes.report("n1", Nodes.idle(1)));
        clock.advance(Duration.ofSeconds(1));
        second.tick();
        second.tick();
        assertThat(second.leader()).isTrue();
        assertThat(told).containsExactly("d2 up n1");
        assertThat(ledger.outbox(10)).isEmpty();
    }

    @Test
    void anEventWhoseDeliveryWasGivenUpIsDeadLettered() {
        NodeEvents events = NodeEvents.manual("d1", ledger, registry, event -> CompletableFuture.completedFuture(false), LEASE);
        register("n1");
        events.tick();
        events.tick();
        assertThat(ledger.outbox(10)).isEmpty();
        assertThat(ledger.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.event().type()).isEqualTo(NodeEvent.Type.UP);
            assertThat(d.reason()).isEqualTo(DeadLetter.UNKNOWN_REASON); // this listener does not say why
            assertThat(d.attempts()).isZero();
        });
    }

    @Test
    void aDeadLetterKeepsTheReceiversLastAnswerAndTheAttempts() {
        NodeEventListener refusing = new NodeEventListener() {
            @Override
            public CompletableFuture<Boolean> deliver(NodeEvent event) {
                throw new AssertionError("deliverReporting is what NodeEvents calls");
            }

            @Override
            public CompletableFuture<NodeEventDelivery> deliverReporting(NodeEvent event) {
                return CompletableFuture.completedFuture(NodeEventDelivery.givenUp("HTTP 503", 7));
            }
        };
        NodeEvents events = NodeEvents.manual("d1", ledger, registry, refusing, LEASE);
        register("n1");
        java.time.Instant before = java.time.Instant.now();
        events.tick();
        events.tick();
        assertThat(ledger.outbox(10)).isEmpty();
        assertThat(ledger.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.event().type()).isEqualTo(NodeEvent.Type.UP);
            assertThat(d.reason()).isEqualTo("HTTP 503");
            assertThat(d.attempts()).isEqualTo(7);
            assertThat(d.at()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        });
    }

    @Test
    void anEventLeftUndeliveredByAClosingSenderStaysForTheNextTick() {
        List<NodeEvent> handed = new CopyOnWriteArrayList<>();
        NodeEvents events = NodeEvents.manual("d1", ledger, registry, event -> {
            handed.add(event);
            return handed.size() == 1 ? CompletableFuture.failedFuture(new java.util.concurrent.CancellationException("closed"))
                    : CompletableFuture.completedFuture(true);
        }, LEASE);
        register("n1");
        events.tick();
        assertThat(ledger.outbox(10)).hasSize(1);
        events.tick();
        assertThat(handed).hasSize(2).extracting(NodeEvent::id).containsOnly(handed.get(0).id());
        assertThat(ledger.outbox(10)).isEmpty();
    }
}
