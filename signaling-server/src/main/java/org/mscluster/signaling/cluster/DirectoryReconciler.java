package org.mscluster.signaling.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.RoomKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the directory's entries for this node equal to the rooms the node actually hosts, healing
 * the two ways they can drift apart:
 * <ul>
 *   <li>a room open here without an entry (its entry was released by a room of the same name that
 *       closed just as this one opened) is re-asserted; if another node holds it by now the room is
 *       split, and {@code onSplit} moves its peers away;
 *   <li>an entry for a room that never opened here (a dispatcher placed it, and its client never
 *       came) is released once it has stayed unused for the grace period, so it stops counting
 *       against this node's load.
 * </ul>
 * Runs on the node's scheduler; never throws (a Redis outage just skips a round).
 */
public final class DirectoryReconciler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryReconciler.class);

    private final String nodeId;
    private final RoomDirectory directory;
    private final Supplier<Map<RoomKey, Integer>> ownRooms;
    private final Predicate<RoomKey> opening;
    private final Consumer<Set<RoomKey>> onSplit;
    private final Duration grace;
    private final Clock clock;
    private final Map<RoomKey, Instant> unusedSince = new HashMap<>();
    private final boolean asLegs;

    /**
     * @param ownRooms the rooms open here, with their worker
     * @param opening true for a room this node is opening or has open (entries for it are in use)
     */
    public DirectoryReconciler(String nodeId, RoomDirectory directory, Supplier<Map<RoomKey, Integer>> ownRooms,
            Predicate<RoomKey> opening, Consumer<Set<RoomKey>> onSplit, Duration grace, Clock clock) {
        this(nodeId, directory, ownRooms, opening, onSplit, grace, clock, false);
    }

    /**
     * @param asLegs rooms span nodes (cascade): a room another node holds too is this node's leg of it,
     *     re-asserted as such, never split
     */
    public DirectoryReconciler(String nodeId, RoomDirectory directory, Supplier<Map<RoomKey, Integer>> ownRooms,
            Predicate<RoomKey> opening, Consumer<Set<RoomKey>> onSplit, Duration grace, Clock clock, boolean asLegs) {
        this.asLegs = asLegs;
        this.nodeId = nodeId;
        this.directory = directory;
        this.ownRooms = ownRooms;
        this.opening = opening;
        this.onSplit = onSplit;
        this.grace = grace;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.debug("directory reconciliation skipped: {}", e.toString());
        }
    }

    void reconcile() {
        Map<RoomKey, Integer> own = ownRooms.get();
        Map<RoomKey, Integer> listed = directory.roomsOf(nodeId);
        Map<RoomKey, Integer> missing = new HashMap<>(own);
        missing.keySet().removeAll(listed.keySet());
        if (!missing.isEmpty()) {
            Set<RoomKey> split = directory.reassert(nodeId, missing, asLegs);
            LOG.info("node {}: re-asserted {} rooms missing from the directory ({} held by other nodes)", nodeId,
                    missing.size() - split.size(), split.size());
            if (!split.isEmpty()) {
                onSplit.accept(split);
            }
        }
        Instant now = clock.instant();
        unusedSince.keySet().retainAll(listed.keySet());
        for (RoomKey room : listed.keySet()) {
            if (own.containsKey(room) || opening.test(room)) {
                unusedSince.remove(room);
                continue;
            }
            Instant since = unusedSince.putIfAbsent(room, now);
            if (since != null && !since.plus(grace).isAfter(now) && directory.release(room, nodeId)) {
                unusedSince.remove(room);
                LOG.info("node {}: released room {}, placed here {} s ago and never opened", nodeId, room,
                        Duration.between(since, now).toSeconds());
            }
        }
    }
}
