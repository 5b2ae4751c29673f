package org.mscluster.cluster.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
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
 * Tells the cluster's node events ({@code up}, {@code draining}, {@code down}) to a listener, exactly
 * once for the whole cluster however many entry points run this: each tick, whoever holds the ledger's
 * lease compares the registry's live nodes with what the ledger says was last announced, tells the
 * differences and records them. A crashed node cannot announce its own departure; its lease running out
 * is what the holder notices.
 *
 * <p>Known limit: a holder that dies between telling an event and recording it makes the next holder
 * tell it again; one that records and dies before the listener delivered loses it. Both need a crash
 * inside one tick.
 */
public final class NodeEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeEvents.class);
    static final String DOWN_REASON = "no longer in the cluster (left, or its lease ran out)";

    private final String owner;
    private final NodeEventLedger ledger;
    private final NodeRegistry registry;
    private final NodeEventListener listener;
    private final Duration lease;
    private final ScheduledExecutorService timer;
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
            if (before == null) {
                listener.up(identity);
            }
            if (identity.state() == NodeState.DRAINING) {
                listener.draining(identity);
            }
            ledger.recordAnnounced(identity);
        }
        for (NodeIdentity gone : known.values()) {
            listener.down(gone, DOWN_REASON);
            ledger.forgetAnnounced(gone.id());
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
