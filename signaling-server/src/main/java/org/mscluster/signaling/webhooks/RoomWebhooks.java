package org.mscluster.signaling.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.signaling.room.RoomListener;

/**
 * Turns this node's room events into webhooks: {@code room_started}, {@code room_finished},
 * {@code peer_joined}, {@code peer_left}, {@code producer_created}, {@code producer_closed}. Sent by
 * the node hosting the room, which is the only one that sees them, so never twice; a room's events
 * form one stream, delivered in order.
 *
 * <h2>Rooms across nodes (cascade)</h2>
 * On a node with cascade every room here is one leg of a room that may span nodes, and each node
 * sends the events of its own leg (its peers, its producers). Besides, each leg sends
 * {@code room_leg_opened} when it opens and {@code room_leg_closed} when it closes, with the legs the
 * directory knows ({@code legs}: the live legs then, this one included when opening, the remaining
 * ones when closing). The room as a whole starts and finishes once: {@code room_started} comes from
 * the leg that opens as the room's oldest live leg ({@code firstLeg: true}: no other leg in the
 * directory is older), {@code room_finished} from the leg that closes as its last
 * ({@code lastLeg: true}: once its own leg is out of the directory, no other remains). Two last legs
 * closing at the same moment may each send {@code room_finished}; a directory that cannot be read
 * counts as no other leg. The directory is read off the room's thread; the room's later events wait
 * for that read, so they stay in order.
 */
public final class RoomWebhooks implements RoomListener {

    /** How often, and how many times, a closing leg looks whether the directory let go of it yet. */
    private static final Duration RELEASE_POLL = Duration.ofMillis(100);
    private static final int RELEASE_POLLS = 30;

    private final WebhookSender sender;
    private final Supplier<String> nodeId;
    private final Clock clock;
    /** A room's live legs from the directory, or null without cascade. */
    private final Function<RoomKey, ? extends CompletionStage<List<RoomLeg>>> legs;
    /** Per room with events waiting for a directory read: the last of them (cascade only). */
    private final Map<RoomKey, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    /** Per open leg here: its worker and its {@code since} in the directory; touched in the room's chain only. */
    private final Map<RoomKey, OwnLeg> own = new ConcurrentHashMap<>();

    private record OwnLeg(int workerIndex, Instant since) {
    }

    public RoomWebhooks(WebhookSender sender, Supplier<String> nodeId, Clock clock) {
        this(sender, nodeId, clock, null);
    }

    /** @param legs a room's live legs (the directory's), for a node with cascade; null without */
    public RoomWebhooks(WebhookSender sender, Supplier<String> nodeId, Clock clock,
            Function<RoomKey, ? extends CompletionStage<List<RoomLeg>>> legs) {
        this.sender = sender;
        this.nodeId = nodeId;
        this.clock = clock;
        this.legs = legs;
    }

    private void send(String type, RoomKey room, Map<String, Object> fields) {
        if (!sender.wants(room.namespace())) {
            return;
        }
        Instant at = clock.instant();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("room", Map.of("id", room.roomId()));
        all.putAll(fields);
        inOrder(room, () -> {
            emit(type, at, room, all);
            return CompletableFuture.completedFuture(null);
        });
    }

    private void emit(String type, Instant at, RoomKey room, Map<String, Object> fields) {
        sender.send(WebhookEvent.of(type, at, room.namespace(), nodeId.get(), "room " + room.encoded(), fields));
    }

    /** Runs {@code step} after the room's earlier steps (at once when none waits). */
    private void inOrder(RoomKey room, Supplier<CompletionStage<?>> step) {
        if (legs == null) {
            step.get();
            return;
        }
        List<CompletableFuture<Void>> made = new ArrayList<>(1);
        tails.compute(room, (key, tail) -> {
            CompletableFuture<Void> next = (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail.exceptionally(e -> null))
                    .thenCompose(v -> step.get()).thenApply(v -> null);
            made.add(next);
            return next;
        });
        CompletableFuture<Void> next = made.get(0);
        next.whenComplete((v, e) -> tails.remove(room, next));
    }

    private static Map<String, Object> roomJson(RoomKey room, int workerIndex) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", room.roomId());
        json.put("workerIndex", workerIndex);
        return json;
    }

    private static List<Map<String, Object>> legsJson(List<RoomLeg> legs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RoomLeg leg : legs) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("nodeId", leg.nodeId());
            json.put("workerIndex", leg.workerIndex());
            json.put("since", leg.since().toString());
            json.put("peers", leg.peers());
            out.add(json);
        }
        return out;
    }

    private CompletableFuture<List<RoomLeg>> readLegs(RoomKey room) {
        return legs.apply(room).toCompletableFuture().exceptionally(error -> List.of());
    }

    /** Leg opened: {@code room_started} if it is the room's oldest live leg, then {@code room_leg_opened}. */
    private CompletionStage<?> legOpened(RoomKey room, int workerIndex, Instant at) {
        String me = nodeId.get();
        return readLegs(room).thenAccept(known -> {
            Instant since = known.stream().filter(l -> l.nodeId().equals(me)).map(RoomLeg::since).findFirst().orElse(at);
            own.put(room, new OwnLeg(workerIndex, since));
            boolean first = known.stream().noneMatch(l -> !l.nodeId().equals(me)
                    && (l.since().isBefore(since) || l.since().equals(since) && l.nodeId().compareTo(me) < 0));
            if (first) {
                emit(WebhookEvent.ROOM_STARTED, at, room, Map.of("room", roomJson(room, workerIndex)));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("room", roomJson(room, workerIndex));
            fields.put("firstLeg", first);
            fields.put("legs", legsJson(known));
            emit(WebhookEvent.ROOM_LEG_OPENED, at, room, fields);
        });
    }

    /** Leg closed: {@code room_leg_closed}, then {@code room_finished} if no other leg remains. */
    private CompletionStage<?> legClosed(RoomKey room, String reason, Instant at) {
        OwnLeg leg = own.remove(room);
        return released(room, leg, 0).thenAccept(remaining -> {
            String me = nodeId.get();
            // A leg opened here after this one closed is a new room's: it says so itself.
            List<RoomLeg> others = remaining.stream().filter(l -> !l.nodeId().equals(me)).toList();
            boolean last = others.isEmpty();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("room", roomJson(room, leg == null ? -1 : leg.workerIndex()));
            fields.put("reason", reason);
            fields.put("lastLeg", last);
            fields.put("legs", legsJson(others));
            emit(WebhookEvent.ROOM_LEG_CLOSED, at, room, fields);
            if (last) {
                emit(WebhookEvent.ROOM_FINISHED, at, room, Map.of("room", Map.of("id", room.roomId()), "reason", reason));
            }
        });
    }

    /** The room's live legs once the directory let go of this node's closed leg (or after a few seconds). */
    private CompletableFuture<List<RoomLeg>> released(RoomKey room, OwnLeg leg, int polls) {
        String me = nodeId.get();
        return readLegs(room).thenCompose(known -> {
            boolean stillMine = leg != null && known.stream().anyMatch(l -> l.nodeId().equals(me) && l.since().equals(leg.since()));
            if (!stillMine || polls >= RELEASE_POLLS) {
                return CompletableFuture.completedFuture(known);
            }
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(RELEASE_POLL.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(v -> released(room, leg, polls + 1));
        });
    }

    private static Map<String, Object> peer(PeerInfo peer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", peer.id());
        json.put("displayName", peer.displayName());
        json.put("region", peer.region());
        json.put("isp", peer.isp());
        return json;
    }

    @Override
    public void roomStarted(RoomKey room, int workerIndex) {
        if (!sender.wants(room.namespace())) {
            return;
        }
        if (legs != null) {
            Instant at = clock.instant();
            inOrder(room, () -> legOpened(room, workerIndex, at));
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> roomJson = new LinkedHashMap<>();
        roomJson.put("id", room.roomId());
        roomJson.put("workerIndex", workerIndex);
        fields.put("room", roomJson);
        sender.send(WebhookEvent.of(WebhookEvent.ROOM_STARTED, clock.instant(), room.namespace(), nodeId.get(),
                "room " + room.encoded(), fields));
    }

    @Override
    public void roomFinished(RoomKey room, String reason) {
        if (legs != null && sender.wants(room.namespace())) {
            Instant at = clock.instant();
            inOrder(room, () -> legClosed(room, reason, at));
            return;
        }
        send(WebhookEvent.ROOM_FINISHED, room, Map.of("reason", reason));
    }

    @Override
    public void peerJoined(RoomKey room, PeerInfo peer) {
        send(WebhookEvent.PEER_JOINED, room, Map.of("peer", peer(peer)));
    }

    @Override
    public void peerLeft(RoomKey room, PeerInfo peer, String reason) {
        send(WebhookEvent.PEER_LEFT, room, Map.of("peer", peer(peer), "reason", reason));
    }

    @Override
    public void producerCreated(RoomKey room, String peerId, String producerId, String kind) {
        send(WebhookEvent.PRODUCER_CREATED, room, Map.of("peer", Map.of("id", peerId), "producer",
                Map.of("id", producerId, "kind", kind)));
    }

    @Override
    public void producerClosed(RoomKey room, String peerId, String producerId, String kind) {
        send(WebhookEvent.PRODUCER_CLOSED, room, Map.of("peer", Map.of("id", peerId), "producer",
                Map.of("id", producerId, "kind", kind)));
    }
}
