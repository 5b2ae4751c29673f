package org.mscluster.cluster.events;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.registry.NodeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the cluster's node events ({@code up}, {@code draining}, {@code down}) to a listener, once for
 * the whole cluster however many entry points run this: each tick, whoever holds the ledger's lease
 * compares the registry's live nodes with what the ledger says was last announced and records each
 * difference as an event in the ledger's outbox, in the same atomic step as the new announced state;
 * then it hands the outbox's events to the listener and removes each once delivered (or dead-lettered
 * when its retries ran out). A crashed node cannot announce its own departure; its lease running out
 * is what the holder notices.
 *
 * <p>A holder that dies (or stops) with events recorded and not delivered leaves them in the outbox:
 * the next holder delivers them. One that dies after a delivery and before removing it makes the next
 * deliver it again, with the same id: delivery is at least once, and receivers deduplicate by id.
 */
public final class NodeEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeEvents.class);
    static final String DOWN_REASON = "no longer in the cluster (left, or its lease ran out)";
    /** Events handed to the listener per tick at most; the rest follow at the next ticks. */
    private static final int OUTBOX_BATCH = 100;

    private final String owner;
    private final NodeEventLedger ledger;
    private final NodeRegistry registry;
    private final NodeEventListener listener;
    private final Duration lease;
    private final ScheduledExecutorService timer;
    private final Clock clock = Clock.systemUTC();
    /** Events handed to the listener and not finished: not handed again while they run. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean leader;

    /**
     * Ticks every {@code interval} on a thread of its own, from now until {@link #close()}.
     *
     * @param owner this entry point's name in the lease, unique among them
     * @param lease how long the lease outlives its holder's last tick; longer than {@code interval}
     */
    public NodeEvents(String owner, NodeEventLedger ledger, NodeRegistry registry, NodeEventListener listener,
            Duration interval, Duration lease) {
        this(owner, ledger, registry, listener, lease);
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private NodeEvents(String owner, NodeEventLedger ledger, NodeRegistry registry, NodeEventListener listener,
            Duration lease) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-events-" + owner);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** An instance that ticks only when its caller says so (tests with a fake clock). */
    public static NodeEvents manual(String owner, NodeEventLedger ledger, NodeRegistry registry, NodeEventListener listener,
            Duration lease) {
        return new NodeEvents(owner, ledger, registry, listener, lease);
    }

    /** Whether this instance held the lease at its last tick. */
    public boolean leader() {
        return leader;
    }

    /** One round: take or renew the lease, and if held, tell what changed. Never throws. */
    public void tick() {
        try {
            boolean now = ledger.holdLease(owner, lease);
            if (now != leader) {
                LOG.info("{} {} the node events lease", owner, now ? "holds" : "no longer holds");
            }
            leader = now;
            if (now) {
                announceChanges();
                deliverOutbox();
            }
        } catch (RuntimeException e) {
            LOG.debug("node events: {}", e.toString());
        }
    }

    private void announceChanges() {
        Map<String, NodeIdentity> known = new HashMap<>(ledger.announced());
        for (NodeSnapshot node : registry.liveNodes()) {
            NodeIdentity identity = node.identity();
            NodeIdentity before = known.remove(identity.id());
            if (before != null && before.state() == identity.state()) {
                continue;
            }
            List<NodeEvent> events = new ArrayList<>(2);
            if (before == null) {
                events.add(NodeEvent.of(NodeEvent.Type.UP, identity, null, clock.instant()));
            }
            if (identity.state() == NodeState.DRAINING) {
                events.add(NodeEvent.of(NodeEvent.Type.DRAINING, identity, null, clock.instant()));
            }
            if (!ledger.record(owner, identity.id(), identity, events)) {
                return; // the lease ran out meanwhile: the next holder tells it
            }
        }
        for (NodeIdentity gone : known.values()) {
            NodeEvent down = NodeEvent.of(NodeEvent.Type.DOWN, gone, DOWN_REASON, clock.instant());
            if (!ledger.record(owner, gone.id(), null, List.of(down))) {
                return;
            }
        }
    }

    /**
     * Hands the outbox's events to the listener, oldest first (the listener keeps each node's events in
     * that order), and takes each out once it is finished with.
     */
    private void deliverOutbox() {
        for (NodeEvent event : ledger.outbox(OUTBOX_BATCH)) {
            if (!inFlight.add(event.id())) {
                continue;
            }
            CompletionStage<NodeEventDelivery> delivery;
            try {
                delivery = listener.deliverReporting(event);
            } catch (RuntimeException e) {
                inFlight.remove(event.id());
                LOG.warn("node event {} {}: not handed to the listener: {}", event.type(), event.id(), e.toString());
                continue;
            }
            delivery.whenComplete((answer, error) -> {
                NodeEventDelivery outcome = answer == null ? NodeEventDelivery.givenUp(null, 0) : answer;
                try {
                    if (error != null) {
                        LOG.debug("node event {} left in the outbox: {}", event.id(), error.toString());
                    } else if (outcome.delivered()) {
                        ledger.delivered(event.id());
                    } else {
                        String reason = outcome.lastError() == null ? DeadLetter.UNKNOWN_REASON : outcome.lastError();
                        LOG.warn("node event {} {} of node {} dead-lettered: its delivery was given up after {} attempts: {}",
                                event.type(), event.id(), event.node().id(), outcome.attempts(), reason);
                        ledger.dead(event.id(), reason, outcome.attempts(), clock.instant());
                    }
                } catch (RuntimeException e) {
                    // Still in the outbox: delivered again later, with the same id.
                    LOG.debug("node event {}: outbox not updated: {}", event.id(), e.toString());
                } finally {
                    inFlight.remove(event.id());
                }
            });
        }
    }

    /** Stops ticking and gives the lease up, so another entry point takes over at its next tick. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
            if (leader) {
                ledger.releaseLease(owner);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("node events lease not released: {}", e.toString());
        }
    }
}
