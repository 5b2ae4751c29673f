package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.registry.NodeRegistry;

/**
 * Keeps a {@link NodeView} for a placer, so that a decision does not read the registry.
 *
 * <p>The view is read again when it is older than {@code maxAge} (load reports change every
 * second), and at once when the directory says it is out of date: its answers carry the
 * registry's generation, and a claim refuses a proposal chosen from an older view. So the cache
 * can never place a room by an outdated membership or node state; at worst it ranks by loads up
 * to {@code maxAge} old, which is also how old a node's own report may be.
 *
 * <p>One thread reads at a time. A thread that finds the view merely old carries on with it while
 * another reads; a thread told that the view is wrong waits for the new one.
 *
 * <p>Reading a thousand nodes takes milliseconds (a few script calls of {@link NodeRegistry#placementNodes},
 * a few hundred bytes per node, then the room counts), and a decision that finds the view old would
 * wait for all of it with its batch. So {@link #refreshAhead} reads it a little before it is old, by a dispatch lane that
 * has just answered its batch and has nothing waiting on it. The bound is unchanged: a decision that
 * finds the view past {@code maxAge} reads it itself, unless another thread is reading it.
 */
final class NodeViewCache {
    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final Clock clock;
    private final long maxAgeMillis;
    /** From this age on {@link #refreshAhead} reads the view again: a quarter of the bound early. */
    private final long aheadMillis;
    private final AtomicReference<NodeView> view = new AtomicReference<>(NodeView.NONE);
    private final ReentrantLock loading = new ReentrantLock();
    private long serial;
    /** Told of each new view with the one it replaces; null for nobody. */
    private volatile java.util.function.BiConsumer<NodeView, NodeView> onLoad;

    NodeViewCache(NodeRegistry registry, RoomDirectory directory, Clock clock, Duration maxAge) {
        this.registry = registry;
        this.directory = directory;
        this.clock = clock;
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("view max age must be >= 0");
        }
        this.maxAgeMillis = maxAge.toMillis();
        this.aheadMillis = maxAgeMillis - maxAgeMillis / 4;
    }

    /** The view to decide with: the cached one unless it is missing or too old. */
    NodeView current() {
        NodeView v = view.get();
        if (v == NodeView.NONE) {
            return refresh(v);
        }
        if (clock.millis() - v.loadedAtMillis() >= maxAgeMillis && loading.tryLock()) {
            try {
                return load();
            } finally {
                loading.unlock();
            }
        }
        return v;
    }

    /**
     * Reads the view again when it is nearly old ({@code maxAge} less a quarter) and no other thread
     * is reading it; otherwise returns at once. For a caller with no decision waiting on it.
     */
    void refreshAhead() {
        NodeView v = view.get();
        if (maxAgeMillis == 0 || v == NodeView.NONE || clock.millis() - v.loadedAtMillis() < aheadMillis
                || !loading.tryLock()) {
            return; // a zero age reads for each decision anyway
        }
        try {
            if (view.get().serial() == v.serial()) { // nobody read it meanwhile
                load();
            }
        } finally {
            loading.unlock();
        }
    }

    /**
     * A view newer than {@code stale}: another thread's if it read the registry meanwhile,
     * otherwise this thread reads it.
     */
    NodeView refresh(NodeView stale) {
        loading.lock();
        try {
            NodeView v = view.get();
            if (v != NodeView.NONE && v.serial() != stale.serial()) {
                return v;
            }
            return load();
        } finally {
            loading.unlock();
        }
    }

    /** Tells {@code listener} each view read from now on, with the view it replaces. */
    void onLoad(java.util.function.BiConsumer<NodeView, NodeView> listener) {
        this.onLoad = listener;
    }

    /** Records a node's room counts after a claim on it, so the next choice sees the new room. */
    void roomsChanged(String nodeId, RoomCounts rooms) {
        view.updateAndGet(v -> v.withRooms(nodeId, rooms));
    }

    private NodeView load() {
        long now = clock.millis();
        // The generation first: a change that lands while the nodes are read makes the view look
        // older than it is (one needless refresh later), never newer.
        long generation = registry.generation();
        List<NodeSnapshot> live = registry.placementNodes();
        Map<String, RoomCounts> counts = directory.roomCounts(live.stream().map(NodeSnapshot::id).toList());
        NodeView v = NodeView.of(++serial, generation, now, live, counts);
        NodeView before = view.getAndSet(v);
        java.util.function.BiConsumer<NodeView, NodeView> listener = onLoad;
        if (listener != null) {
            listener.accept(before, v);
        }
        return v;
    }
}
