package org.mscluster.signaling.room;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.mscluster.cluster.dispatch.NoNodeAvailableException;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.hosting.ClientHints;
import org.mscluster.signaling.hosting.HostingDecision;
import org.mscluster.signaling.hosting.RoomHosting;
import org.mscluster.signaling.hosting.SignalingUrls;
import org.mscluster.signaling.media.MediaWorker;
import org.mscluster.signaling.media.WorkerFleet;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.PeerAcceptor;
import org.mscluster.signaling.protoo.ProtooError;
import org.mscluster.signaling.protoo.ProtooPeer;
import org.mscluster.signaling.protoo.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms of this node and the entry of every new peer: asks the room hosting where the room
 * lives, redirects the peer when that is another node, otherwise finds or creates the room (one
 * creation per room however many peers arrive at once) and puts the peer in it. A peer whose address
 * opened its minute's share of new rooms ({@link RoomSettings#newRoomsPerAddressPerMinute()}) gets a
 * 429 protoo error when its room would be new here, and its socket is closed (4000, no reconnect).
 */
public final class RoomRegistry implements PeerAcceptor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoomRegistry.class);
    /** How long a refused peer's socket stays open for its first request to be answered, if none came yet. */
    private static final long REFUSAL_GRACE_MILLIS = 500;

    private final WorkerFleet fleet;
    private final RoomHosting hosting;
    private final Executor pool;
    private final RoomSettings settings;
    private final Refusals refusals;
    private final NewRoomRate newRooms;
    private final Map<RoomKey, CompletableFuture<Room>> rooms = new HashMap<>();
    private final RoomListeners listeners = new RoomListeners();
    private volatile Cascade cascade;
    private volatile PeerEgress egress = PeerEgress.NONE;
    /** Why this node takes no peers (an egress-only node), or null when it does. */
    private volatile String refusingJoins;

    public RoomRegistry(WorkerFleet fleet, RoomHosting hosting, Executor pool, RoomSettings settings) {
        this(fleet, hosting, pool, settings, new Refusals(), System::nanoTime);
    }

    /**
     * @param refusals counts the new rooms refused to an address
     * @param nanoClock the clock of the new rooms' rate ({@link System#nanoTime})
     */
    public RoomRegistry(WorkerFleet fleet, RoomHosting hosting, Executor pool, RoomSettings settings, Refusals refusals,
            LongSupplier nanoClock) {
        this.fleet = fleet;
        this.hosting = hosting;
        this.pool = pool;
        this.settings = settings;
        this.refusals = refusals;
        this.newRooms = new NewRoomRate(settings.newRoomsPerAddressPerMinute(), nanoClock);
    }

    /**
     * Rooms opened from now on may be legs of rooms spanning nodes, kept in step with their other legs
     * through {@code cascade}. Set before serving.
     */
    public void cascade(Cascade cascade) {
        this.cascade = cascade;
    }

    /** How rooms reach their legs on other nodes, or null when rooms are whole on this node. */
    /** What the protoo requests {@code startEgress} and {@code stopEgress} do. Set before serving. */
    public void egress(PeerEgress value) {
        this.egress = value == null ? PeerEgress.NONE : value;
    }

    public Cascade cascade() {
        return cascade;
    }

    /**
     * This node takes no peers from now on (an egress-only node): every protoo connection, and with them WHIP and
     * WHEP sessions, is answered with a 403 protoo error naming {@code reason} and closed with 4000 (no reconnect).
     * Set before serving.
     */
    public void refuseJoins(String reason) {
        this.refusingJoins = reason;
    }

    @Override
    public void accept(ConnectionRequest request, ProtooPeer peer) {
        WaitingRequests waiting = new WaitingRequests();
        peer.setRequestHandler(waiting);
        String refused = refusingJoins;
        if (refused != null) {
            LOG.info("peer {} of room {}: refused ({})", request.peerId(), request.roomId(), refused);
            // A close frame's reason holds 123 bytes at most: the error says it all.
            refuse(peer, waiting, new ProtooError(ProtooError.FORBIDDEN, refused), "egress-only node");
            return;
        }
        place(request, peer, waiting);
    }

    /**
     * Opens (or finds) this node's media-only leg of {@code key}, a room hosted on other nodes: no peers, every
     * producer of the other legs piped here, for egress (see {@link Room#mediaOnly()}). Needs the cascade; the
     * directory does not list the leg (placement never sends peers to it), it finds the other legs itself.
     */
    public synchronized CompletableFuture<Room> openMediaLeg(RoomKey key) {
        CompletableFuture<Room> existing = rooms.get(key);
        if (existing != null && !(existing.isDone() && (existing.isCompletedExceptionally() || existing.join().closed()))) {
            return existing;
        }
        if (cascade == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("rooms do not span nodes here (no cascade)"));
        }
        MediaWorker target = liveWorkerWithFewestRooms();
        if (target == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no live worker on this node"));
        }
        LOG.info("room {}: opening a media-only leg for egress on worker {}", key, target.index());
        CompletableFuture<Room> created = Room.create(key, target, pool, settings, 1, listeners, this::closed, cascade, egress,
                true);
        rooms.put(key, created);
        created.whenComplete((room, error) -> {
            if (error != null) {
                synchronized (this) {
                    rooms.remove(key, created);
                }
            }
        });
        return created;
    }

    /**
     * Finds the room's place and enters it. {@code waiting} holds what the peer asked meanwhile: a
     * second placement (the room closed between lookup and entry) keeps it, or those requests would
     * never be answered.
     */
    private void place(ConnectionRequest request, ProtooPeer peer, WaitingRequests waiting) {
        RoomKey key;
        try {
            key = RoomKey.of(request.namespace(), request.roomId());
        } catch (IllegalArgumentException e) {
            waiting.fail(ProtooError.badRequest(e.getMessage()));
            peer.close(CloseCodes.CLOSED_BY_SERVER, "invalid room");
            return;
        }
        String address = request.remoteAddress() instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
        hosting.locate(key, new ClientHints(request.peerId(), request.region(), request.isp(), request.token(), address))
                .whenCompleteAsync((decision, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof NoNodeAvailableException) {
                            // Not this node's fault and not for ever: the client may try again later.
                            LOG.warn("room {}: {}", key, cause.getMessage());
                            waiting.fail(new ProtooError(503, "no node can host the room now"));
                            peer.close(CloseCodes.TRY_AGAIN_LATER, "no node can host the room now");
                            return;
                        }
                        LOG.error("room {}: placement failed", key, error);
                        waiting.fail(new ProtooError(ProtooError.INTERNAL, "room placement failed"));
                        peer.close(CloseCodes.INTERNAL_ERROR, "room placement failed");
                    } else if (decision instanceof HostingDecision.Elsewhere elsewhere) {
                        redirect(request, peer, waiting, elsewhere);
                    } else {
                        enter(key, decision.workerIndex(), decision instanceof HostingDecision.Local local
                                && local.legOfExistingRoom(), request, peer, waiting);
                    }
                }, pool);
    }

    private void redirect(ConnectionRequest request, ProtooPeer peer, WaitingRequests waiting, HostingDecision.Elsewhere elsewhere) {
        String url = SignalingUrls.forClient(elsewhere.signalingUrl(), request.roomId(), request.peerId(), request.namespace(),
                request.token(), request.region(), request.isp());
        // The notification goes first: a client that sees an error to its first request before it learns
        // where to go gives up instead of following the redirect. On the socket's loop, so that a
        // request arriving meanwhile is refused only after the notification went out.
        peer.execute(() -> {
            peer.notify("redirect", Map.of("url", url, "nodeId", elsewhere.nodeId(),
                    "reason", elsewhere.reason() == null ? "room hosted elsewhere" : elsewhere.reason()));
            waiting.fail(new ProtooError(ProtooError.FORBIDDEN, "room lives on node " + elsewhere.nodeId()));
            peer.close(CloseCodes.REDIRECT, "redirect");
        });
    }

    /**
     * Sends up to {@code count} peers of {@code room} to where the room's placement would put them now,
     * this node aside (it drains): another leg, or a new leg elsewhere. A peer with nowhere else to go
     * stays. The redirect is the one a joining peer gets; the web client reconnects there as the same
     * peer, while the room goes on. Completes with the number of peers sent away.
     */
    public CompletableFuture<Integer> movePeers(Room room, int count) {
        return room.peersToMove(count).thenCompose(peers -> {
            List<CompletableFuture<Boolean>> moves = peers.stream().map(peer -> move(room, peer)).toList();
            return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new))
                    .thenApply(nothing -> (int) moves.stream().filter(CompletableFuture::join).count());
        });
    }

    private CompletableFuture<Boolean> move(Room room, RoomPeer peer) {
        ConnectionRequest request = peer.connectionRequest();
        if (request == null) {
            room.stays(peer);
            return CompletableFuture.completedFuture(false);
        }
        String address = request.remoteAddress() instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
        return hosting.relocate(room.key(), new ClientHints(request.peerId(), request.region(), request.isp(), request.token(),
                address)).toCompletableFuture().handle((decision, error) -> {
                    if (error != null || !(decision instanceof HostingDecision.Elsewhere elsewhere)) {
                        room.stays(peer);
                        return false;
                    }
                    String url = SignalingUrls.forClient(elsewhere.signalingUrl(), request.roomId(), request.peerId(),
                            request.namespace(), request.token(), request.region(), request.isp());
                    LOG.info("room {}: moving peer {} to node {} (this node drains)", room.key(), peer.id, elsewhere.nodeId());
                    peer.protoo.execute(() -> {
                        peer.protoo.notify("redirect", Map.of("url", url, "nodeId", elsewhere.nodeId(),
                                "reason", "node draining: the room goes on on node " + elsewhere.nodeId()));
                        peer.protoo.close(CloseCodes.REDIRECT, "redirect");
                    });
                    return true;
                });
    }

    private void enter(RoomKey key, int workerIndex, boolean legOfExistingRoom, ConnectionRequest request, ProtooPeer peer,
            WaitingRequests waiting) {
        // A leg of a room open on other nodes is no new room of this client's address.
        InetAddress address = legOfExistingRoom ? null
                : request.remoteAddress() instanceof java.net.InetSocketAddress inet ? inet.getAddress() : null;
        roomFor(key, workerIndex, request.consumerReplicas(), address)
                .thenCompose(room -> room.addPeer(peer, waiting))
                .whenCompleteAsync((added, error) -> {
                    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof TooManyNewRooms) {
                        refusals.count(Refusals.Reason.ROOMS_PER_ADDRESS);
                        LOG.info("room {}: not opened for {}: over {} new rooms a minute from one address", key, address,
                                newRooms.perMinute());
                        // Placed for this peer (cluster mode): give the room back unless it opened here meanwhile.
                        hosting.release(key);
                        String reason = "too many new rooms from this address (at most " + newRooms.perMinute()
                                + " a minute); join an open room or try again later";
                        refuse(peer, waiting, new ProtooError(ProtooError.TOO_MANY_REQUESTS, reason),
                                "too many new rooms from this address");
                    } else if (error != null) {
                        LOG.error("room {}: cannot take peer {}", key, peer.id(), error);
                        waiting.fail(new ProtooError(ProtooError.INTERNAL, "room unavailable"));
                        peer.close(CloseCodes.INTERNAL_ERROR, "room unavailable");
                    } else if (!added) {
                        // The room closed between lookup and entry: place it again, a fresh room on a fresh worker.
                        place(request, peer, waiting);
                    }
                }, pool);
    }

    /**
     * Refuses a peer the server will not seat: what it asked meanwhile gets {@code error}, then the socket closes
     * (4000, no reconnect). Clients ask for the router's capabilities the moment the socket opens: if that request
     * is still on its way, it gets a moment to arrive and get the error too.
     */
    private static void refuse(ProtooPeer peer, WaitingRequests waiting, ProtooError error, String closeReason) {
        peer.execute(() -> {
            boolean answered = waiting.fail(error) > 0;
            peer.channel().eventLoop().schedule(() -> peer.close(CloseCodes.CLOSED_BY_SERVER, closeReason),
                    answered ? 0 : REFUSAL_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        });
    }

    private synchronized CompletableFuture<Room> roomFor(RoomKey key, int workerIndex, int consumerReplicas, InetAddress address) {
        CompletableFuture<Room> existing = rooms.get(key);
        if (existing != null && !(existing.isDone() && !existing.isCompletedExceptionally() && existing.join().closed())) {
            return existing;
        }
        if (!newRooms.tryOpen(address)) {
            return CompletableFuture.failedFuture(new TooManyNewRooms());
        }
        if (workerIndex >= fleet.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no worker " + workerIndex + " on this node"));
        }
        MediaWorker target = fleet.get(workerIndex);
        if (target.worker().closed()) {
            // Placed by a load report from before the worker died (a remote one stays dead while its media
            // host is away): a live worker of this node takes the room. The directory keeps the index it
            // placed with, which only this node reads: every peer of the room comes here and finds it by key.
            MediaWorker live = liveWorkerWithFewestRooms();
            if (live != null) {
                LOG.warn("room {}: worker {} is dead; creating on worker {} instead", key, workerIndex, live.index());
                target = live;
            }
        }
        LOG.info("room {}: creating on worker {}", key, target.index());
        CompletableFuture<Room> created = Room.create(key, target, pool, settings, consumerReplicas, listeners,
                this::closed, cascade, egress);
        rooms.put(key, created);
        created.whenComplete((room, error) -> {
            if (error != null) {
                forget(key, created);
            }
        });
        return created;
    }

    /** The address of the peer that would open the room opened its minute's share of new rooms. */
    private static final class TooManyNewRooms extends RuntimeException {
        TooManyNewRooms() {
            super("too many new rooms from this address", null, false, false);
        }
    }

    private MediaWorker liveWorkerWithFewestRooms() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (CompletableFuture<Room> future : rooms.values()) {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                counts.merge(future.join().worker.index(), 1, Integer::sum);
            }
        }
        MediaWorker best = null;
        for (MediaWorker candidate : fleet.all()) {
            if (!candidate.worker().closed() && (best == null
                    || counts.getOrDefault(candidate.index(), 0) < counts.getOrDefault(best.index(), 0))) {
                best = candidate;
            }
        }
        return best;
    }

    private void closed(Room room) {
        synchronized (this) {
            CompletableFuture<Room> current = rooms.get(room.key());
            if (current != null && current.isDone() && !current.isCompletedExceptionally() && current.join() == room) {
                rooms.remove(room.key());
            }
        }
        if (room.mediaOnly) {
            return; // never in the directory
        }
        hosting.release(room.key());
    }

    private synchronized void forget(RoomKey key, CompletableFuture<Room> future) {
        rooms.remove(key, future);
        hosting.release(key);
    }

    /** Rooms open right now. */
    public synchronized List<Room> rooms() {
        return rooms.values().stream()
                .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join)
                .filter(room -> !room.closed())
                .toList();
    }

    /** The open room {@code key}, if this node hosts it. */
    public java.util.Optional<Room> find(RoomKey key) {
        return rooms().stream().filter(room -> room.key().equals(key)).findFirst();
    }

    /** Adds a listener of every room's events, rooms opened from now on (add listeners before serving). */
    public void addListener(RoomListener listener) {
        listeners.add(listener);
    }

    public int peerCount() {
        return rooms().stream().mapToInt(Room::peerCount).sum();
    }

    /** True while this node has {@code key} open or is opening it: the cluster must keep its directory entry. */
    public synchronized boolean hosts(RoomKey key) {
        CompletableFuture<Room> room = rooms.get(key);
        return room != null && !(room.isDone() && (room.isCompletedExceptionally() || room.join().closed()));
    }

    /**
     * Closes one room, its peers with {@code code}: for a room the cluster says lives on another node
     * (its peers reconnect through their entry point and are sent there).
     */
    public void close(RoomKey key, int code, String reason) {
        for (Room room : rooms()) {
            if (room.key().equals(key)) {
                room.executor.execute(() -> room.close(code, reason));
            }
        }
    }

    /** Closes every room; their peers get 1001 and may reconnect elsewhere. */
    @Override
    public void close() {
        for (Room room : rooms()) {
            room.executor.execute(() -> room.close(CloseCodes.GOING_AWAY, "node shutting down"));
        }
    }
}
