package org.mscluster.cluster.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomSnapshot;

/**
 * The registry of a standalone node (one JVM, no Redis). Leases are checked against an injected
 * {@link Clock} so expiry is testable without sleeping, and behave as the Redis implementation's
 * do: an expired node is invisible and {@link #refresh} of it fails.
 */
public final class InMemoryNodeRegistry implements NodeRegistry {
    private record Entry(NodeIdentity identity, NodeLoad load, List<RoomSnapshot> rooms, Instant expiresAt) {}

    private final ConcurrentHashMap<String, Entry> nodes = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Clock clock;
    private final Duration expiry;

    public InMemoryNodeRegistry(Clock clock, Duration expiry) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive");
        }
        this.expiry = expiry;
    }

    public InMemoryNodeRegistry(Clock clock) {
        this(clock, DEFAULT_EXPIRY);
    }

    @Override
    public void register(NodeReport report) {
        nodes.put(report.nodeId(), new Entry(report.identity(), report.load(), report.rooms(), leaseEnd()));
        generation.incrementAndGet();
    }

    @Override
    public boolean refresh(NodeReport report) {
        Instant now = clock.instant();
        boolean[] done = {false};
        nodes.computeIfPresent(report.nodeId(), (id, e) -> {
            if (!isLive(e, now)) {
                return e;
            }
            done[0] = true;
            return new Entry(e.identity(), report.load(), report.rooms(), now.plus(expiry));
        });
        return done[0];
    }

    @Override
    public boolean setState(String nodeId, NodeState state) {
        Instant now = clock.instant();
        boolean[] done = {false, false};
        nodes.computeIfPresent(nodeId, (id, e) -> {
            if (!isLive(e, now)) {
                return e;
            }
            done[0] = true;
            done[1] = e.identity().state() != state;
            return new Entry(e.identity().withState(state), e.load(), e.rooms(), e.expiresAt());
        });
        if (done[1]) {
            generation.incrementAndGet();
        }
        return done[0];
    }

    @Override
    public void deregister(String nodeId) {
        // Ended rather than removed, so the next sweep reports the departure as Redis's does.
        Instant now = clock.instant();
        boolean[] ended = {false};
        nodes.computeIfPresent(nodeId, (id, e) -> {
            ended[0] = isLive(e, now);
            return ended[0] ? new Entry(e.identity(), e.load(), e.rooms(), now) : e;
        });
        if (ended[0]) {
            generation.incrementAndGet();
        }
    }

    @Override
    public List<NodeSnapshot> liveNodes() {
        Instant now = clock.instant();
        return nodes.values().stream()
                .filter(e -> isLive(e, now))
                .map(e -> new NodeSnapshot(e.identity(), e.load()))
                .sorted(Comparator.comparing(NodeSnapshot::id))
                .toList();
    }

    @Override
    public List<NodeReport> reports() {
        Instant now = clock.instant();
        return nodes.values().stream()
                .filter(e -> isLive(e, now))
                .map(e -> new NodeReport(e.identity(), e.load(), e.rooms()))
                .sorted(Comparator.comparing(NodeReport::nodeId))
                .toList();
    }

    @Override
    public Optional<NodeSnapshot> find(String nodeId) {
        Entry e = nodes.get(nodeId);
        return e != null && isLive(e, clock.instant())
                ? Optional.of(new NodeSnapshot(e.identity(), e.load()))
                : Optional.empty();
    }

    @Override
    public Set<String> sweepDeparted() {
        Instant now = clock.instant();
        Set<String> departed = new HashSet<>();
        for (var entry : nodes.entrySet()) {
            // remove(key, value) hands each departed node to exactly one sweeper, as in Redis.
            if (!isLive(entry.getValue(), now) && nodes.remove(entry.getKey(), entry.getValue())) {
                departed.add(entry.getKey());
            }
        }
        return departed;
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public Duration expiry() {
        return expiry;
    }

    private Instant leaseEnd() {
        return clock.instant().plus(expiry);
    }

    private static boolean isLive(Entry e, Instant now) {
        return now.isBefore(e.expiresAt());
    }
}
