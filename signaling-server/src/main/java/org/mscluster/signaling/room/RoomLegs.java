package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataConsumerOptions;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;
import org.mscluster.mediasoup.transport.PipeTransport;
import org.mscluster.mediasoup.transport.PipeTransportOptions;
import org.mscluster.mediasoup.transport.SrtpParameters;
import org.mscluster.signaling.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's leg of a room that spans nodes: keeps the room's other legs in step with this one, so
 * that every peer sees one room.
 *
 * <h2>What goes between legs</h2>
 * <ul>
 *   <li><b>State</b>: a leg greets every other leg it learns of (from the directory when it opens, or
 *       from a message) with {@code hello}: its joined peers, producers and data producers, and the
 *       address and SRTP key of its PipeTransport toward that leg. The other answers with its own
 *       {@code state}. Either message replaces what the receiver knew of the sender, so a lost message
 *       or a restarted room heals on the next greeting (each room has an {@code instance} id; a new
 *       one resets what was known).
 *   <li><b>Events</b>, one-way and in order per pair of nodes: peers joining, leaving, renaming;
 *       producers and data producers opening, pausing, resuming, closing. Only a leg's own peers and
 *       producers are announced, so nothing echoes back.
 *   <li><b>Pipes</b>: one PipeTransport pair per pair of legs (SRTP and RTX on, SCTP for chat), both
 *       sides connecting with the other's tuple. A remote producer crosses only when this leg has a
 *       peer to consume it: this leg asks the owner ({@code pipeProducer}), which consumes it on its
 *       pipe and answers with the RTP parameters; this leg produces the copy with the same id. Key
 *       frames need nothing more: a consumer's request reaches the copy, which sends a PLI through
 *       the pipe to the owner's pipe consumer and on to the original.
 * </ul>
 *
 * <p>Active speaker: piped audio joins this leg's audio observers, so each leg computes the speaker
 * over every voice its peers hear. Confined to the room's executor.
 */
final class RoomLegs {

    private static final Logger LOG = LoggerFactory.getLogger(RoomLegs.class);
    private static final String BOT_LABEL = "bot";

    private final Room room;
    private final Cascade cascade;
    /** This room's identity, told to the other legs. */
    final String instance = UUID.randomUUID().toString();
    private final Map<String, RemoteLeg> legs = new LinkedHashMap<>();
    /**
     * Nodes found gone, and when (nanoTime): the directory lists a dead node's leg until its lease runs
     * out, and greeting it would only set up a pipe to nowhere. A greeting from it still counts.
     */
    private final Map<String, Long> lostAt = new HashMap<>();
    private static final long LOST_FOR_NANOS = 4_000_000_000L;
    private boolean closed;

    RoomLegs(Room room, Cascade cascade) {
        this.room = room;
        this.cascade = cascade;
    }

    // --- discovery and greetings ---------------------------------------------------------------

    /** Greets every other leg the directory lists and does not know yet; again later to heal lost messages. */
    void discover() {
        cascade.otherLegs(room.key).whenCompleteAsync((others, error) -> {
            if (error != null) {
                LOG.debug("room {}: legs unreadable now: {}", room.key, error.toString());
                return;
            }
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            lostAt.values().removeIf(at -> now - at > LOST_FOR_NANOS);
            for (RoomLeg other : others) {
                if (!other.nodeId().equals(cascade.nodeId()) && !legs.containsKey(other.nodeId())
                        && !lostAt.containsKey(other.nodeId())) {
                    greet(leg(other.nodeId()));
                }
            }
        }, room.executor);
    }

    /**
     * Greets every known leg again, whose answers replace what we knew of them: after the mesh was down,
     * events sent meanwhile were lost on both sides.
     */
    void resync() {
        if (closed) {
            return;
        }
        for (RemoteLeg leg : List.copyOf(legs.values())) {
            greet(leg);
        }
        discover();
    }

    /** The node of {@code nodeId} is gone (left the registry): its leg's peers and media leave this room. */
    void lost(String nodeId) {
        lostAt.put(nodeId, System.nanoTime());
        RemoteLeg leg = legs.get(nodeId);
        if (leg != null) {
            LOG.info("room {}: the leg on node {} is gone", room.key, nodeId);
            drop(leg);
            lastLegGone(true, "the room's node " + nodeId + " is gone");
        }
    }

    /** A media-only leg with no other leg left has nothing to take: it closes. */
    private void lastLegGone(boolean lost, String reason) {
        if (room.mediaOnly && legs.isEmpty() && !closed) {
            room.legsGone(lost, reason);
        }
    }

    /**
     * How far a media-only leg is: 0 not paired with any other leg yet, 1 paired (and their state in) with some
     * producers not piped yet or without media yet, 2 paired with every announced producer piped here and flowing.
     */
    int readiness() {
        boolean paired = false;
        boolean piped = true;
        for (RemoteLeg leg : legs.values()) {
            if (leg.instance != null && leg.connected.isDone() && !leg.connected.isCompletedExceptionally()) {
                paired = true;
            }
            for (RemoteLeg.Remote remote : leg.producers.values()) {
                // Piped, and its media arriving (a composite takes the producers that have a score).
                Producer copy = remote.producer;
                if (copy == null || !(copy.paused() || flowing(copy))) {
                    piped = false;
                }
            }
        }
        return !paired ? 0 : piped ? 2 : 1;
    }

    /** The other legs' producers piped here, as egress takes them. */
    List<Room.ProducerSource> pipedSources() {
        List<Room.ProducerSource> sources = new ArrayList<>();
        for (RemoteLeg leg : legs.values()) {
            for (RemoteLeg.Remote remote : leg.producers.values()) {
                Producer copy = remote.producer;
                if (copy != null && !copy.closed() && !remote.closed) {
                    sources.add(new Room.ProducerSource(remote.peerId, remote.id, remote.kind.value(), copy.paused(),
                            !copy.paused() && flowing(copy)));
                }
            }
        }
        return sources;
    }

    /** Whether media arrives on a piped producer: a stream with a score (a composite waits for those). */
    private static boolean flowing(Producer copy) {
        return copy.score().stream().anyMatch(score -> score.score() > 0);
    }

    /** Nodes with a leg this one knows. */
    Set<String> nodes() {
        return Set.copyOf(legs.keySet());
    }

    private RemoteLeg leg(String nodeId) {
        RemoteLeg leg = legs.get(nodeId);
        if (leg == null) {
            CompletableFuture<PipeTransport> pipe = room.router.createPipeTransport(PipeTransportOptions.builder()
                    .listenInfo(room.worker.pipeListenInfo())
                    .enableSctp(true)
                    .enableRtx(true)
                    .enableSrtp(true)
                    .build());
            leg = new RemoteLeg(nodeId, pipe);
            legs.put(nodeId, leg);
            RemoteLeg created = leg;
            pipe.whenCompleteAsync((transport, error) -> {
                if (error != null) {
                    LOG.warn("room {}: no pipe transport toward node {}: {}", room.key, nodeId, error.toString());
                    created.connected.completeExceptionally(error);
                    if (legs.get(nodeId) == created) {
                        legs.remove(nodeId);
                    }
                } else if (legs.get(nodeId) != created || closed) {
                    transport.close();
                }
            }, room.executor);
        }
        return leg;
    }

    /** Greets {@code leg}: our whole state, and our pipe toward it to pair with. */
    private void greet(RemoteLeg leg) {
        send(leg, "hello", null);
    }

    /**
     * Sends our whole state to {@code leg} as {@code type} once our pipe toward it exists; a {@code state}
     * answering a greeting names the pipe of theirs ours is now paired with ({@code yourPipe}).
     */
    private void send(RemoteLeg leg, String type, String yourPipe) {
        leg.pipe.thenAcceptAsync(transport -> {
            if (legs.get(leg.nodeId) != leg || closed) {
                return;
            }
            ObjectNode message = message(type);
            message.set("state", state());
            ObjectNode pipe = message.putObject("pipe");
            pipe.put("ip", transport.tuple().localAddress());
            pipe.put("port", transport.tuple().localPort());
            pipe.set("srtp", Json.tree(transport.srtpParameters()));
            if (yourPipe != null) {
                message.put("yourPipe", yourPipe);
            }
            cascade.send(leg.nodeId, message);
            leg.greeted = true;
        }, room.executor);
    }

    /** Our pipe toward {@code leg} as {@code ip:port}, or null while it is being created. */
    private static String ourPipe(RemoteLeg leg) {
        PipeTransport transport = leg.pipe.getNow(null);
        return transport == null ? null : transport.tuple().localAddress() + ":" + transport.tuple().localPort();
    }

    private ObjectNode message(String type) {
        ObjectNode message = Json.object();
        message.put("type", type);
        message.put("room", room.key.encoded());
        message.put("instance", instance);
        return message;
    }

    /** This leg's own joined peers, producers and data producers. */
    private ObjectNode state() {
        ObjectNode state = Json.object();
        ArrayNode peers = state.putArray("peers");
        ArrayNode producers = state.putArray("producers");
        ArrayNode dataProducers = state.putArray("dataProducers");
        for (RoomPeer peer : room.joinedPeers(null)) {
            peers.add(peerInfo(peer));
            for (Producer producer : peer.producers.values()) {
                producers.add(producerInfo(peer, producer));
            }
            for (DataProducer dataProducer : peer.dataProducers.values()) {
                if (!BOT_LABEL.equals(dataProducer.label())) {
                    dataProducers.add(dataProducerInfo(peer, dataProducer));
                }
            }
        }
        return state;
    }

    private static ObjectNode peerInfo(RoomPeer peer) {
        ObjectNode info = Json.object();
        info.put("id", peer.id);
        info.put("displayName", peer.displayName);
        info.set("device", peer.device == null ? Json.object() : peer.device);
        return info;
    }

    private static ObjectNode producerInfo(RoomPeer peer, Producer producer) {
        ObjectNode info = Json.object();
        info.put("id", producer.id());
        info.put("peerId", peer.id);
        info.put("kind", producer.kind().value());
        info.put("paused", producer.paused());
        info.set("appData", Json.tree(producer.appData()));
        return info;
    }

    private static ObjectNode dataProducerInfo(RoomPeer peer, DataProducer dataProducer) {
        ObjectNode info = Json.object();
        info.put("id", dataProducer.id());
        info.put("peerId", peer.id);
        info.put("label", dataProducer.label());
        return info;
    }

    // --- what arrives from other legs ----------------------------------------------------------

    /** A one-way message from the leg on {@code from}. */
    void onMessage(String from, ObjectNode message) {
        if (closed) {
            return;
        }
        String type = message.path("type").asText();
        String sender = message.path("instance").asText(null);
        RemoteLeg leg = legs.get(from);
        switch (type) {
            case "hello" -> {
                // "Pair with my pipe": whatever ours was paired with before, it is this one now.
                String theirs = pipeAddress(message.path("pipe"));
                if (leg != null && ((leg.instance != null && !leg.instance.equals(sender))
                        || (leg.remotePipe != null && !leg.remotePipe.equals(theirs)))) {
                    // Opened again, or it dropped us (our node stalled or was cut off for a while) and greets with a
                    // new pipe: ours still points at the one it closed, and a pipe connects once. Start over.
                    LOG.info("room {}: the leg on node {} greets afresh", room.key, from);
                    drop(leg);
                    leg = null;
                }
                if (leg == null) {
                    leg = leg(from);
                }
                leg.instance = sender;
                connect(leg, message.path("pipe"));
                apply(leg, message.path("state"));
                send(leg, "state", theirs);
            }
            case "state" -> {
                // "I paired my pipe with yours": connect to it, if it is our current pipe it paired with.
                if (leg == null || (leg.instance != null && !leg.instance.equals(sender))) {
                    if (leg != null) {
                        drop(leg);
                    }
                    greet(leg(from));
                    return;
                }
                leg.instance = sender;
                apply(leg, message.path("state"));
                String ours = ourPipe(leg);
                String theirs = pipeAddress(message.path("pipe"));
                if (ours == null || !ours.equals(message.path("yourPipe").asText())) {
                    greet(leg); // an answer to an earlier greeting: pair with the pipe we have now
                } else if (leg.remotePipe != null && !leg.remotePipe.equals(theirs)) {
                    // Ours is already paired with another pipe of theirs (it had dropped us, and paired a new pipe
                    // with our old one when we greeted): both sides pipe afresh.
                    drop(leg);
                    greet(leg(from));
                } else {
                    connect(leg, message.path("pipe"));
                }
            }
            case "closed" -> {
                if (leg != null && (leg.instance == null || leg.instance.equals(sender))) {
                    LOG.info("room {}: the leg on node {} closed", room.key, from);
                    drop(leg);
                    lastLegGone(false, "the room closed on node " + from);
                }
            }
            default -> {
                if (leg == null || leg.instance == null || !leg.instance.equals(sender)) {
                    // From a leg we do not know (yet, or any more): its state, asked for now, covers this event.
                    if (leg != null && leg.instance != null) {
                        drop(leg);
                    }
                    greet(leg(from));
                    return;
                }
                event(leg, type, message);
            }
        }
    }

    private void connect(RemoteLeg leg, JsonNode pipe) {
        if (leg.connectRequested || !pipe.isObject()) {
            return;
        }
        leg.connectRequested = true;
        leg.remotePipe = pipeAddress(pipe);
        SrtpParameters srtp = Json.MAPPER.convertValue(pipe.path("srtp"), SrtpParameters.class);
        PipeTransport.ConnectParams params = new PipeTransport.ConnectParams(pipe.path("ip").asText(),
                pipe.path("port").asInt(), srtp);
        leg.pipe.thenCompose(transport -> transport.connect(params).thenApply(nothing -> transport))
                .whenCompleteAsync((transport, error) -> {
                    if (error != null) {
                        LOG.warn("room {}: connecting the pipe to node {} failed: {}", room.key, leg.nodeId, error.toString());
                        leg.connected.completeExceptionally(error);
                        if (legs.get(leg.nodeId) == leg) {
                            drop(leg);
                        }
                    } else {
                        LOG.info("room {}: piped to node {} ({}:{} -> {}:{})", room.key, leg.nodeId,
                                transport.tuple().localAddress(), transport.tuple().localPort(), params.ip(), params.port());
                        leg.connected.complete(transport);
                    }
                }, room.executor);
    }

    private static String pipeAddress(JsonNode pipe) {
        return pipe.path("ip").asText() + ":" + pipe.path("port").asInt();
    }

    /** Replaces what we knew of {@code leg}'s peers and producers by {@code state}, telling our peers the difference. */
    private void apply(RemoteLeg leg, JsonNode state) {
        Map<String, JsonNode> peers = new LinkedHashMap<>();
        for (JsonNode peer : state.path("peers")) {
            peers.put(peer.path("id").asText(), peer);
        }
        Set<String> producers = new HashSet<>();
        for (JsonNode producer : state.path("producers")) {
            producers.add(producer.path("id").asText());
        }
        Set<String> dataProducers = new HashSet<>();
        for (JsonNode dataProducer : state.path("dataProducers")) {
            dataProducers.add(dataProducer.path("id").asText());
        }
        for (String id : List.copyOf(leg.producers.keySet())) {
            if (!producers.contains(id)) {
                closeRemote(leg, id);
            }
        }
        for (String id : List.copyOf(leg.dataProducers.keySet())) {
            if (!dataProducers.contains(id)) {
                closeRemoteData(leg, id);
            }
        }
        for (String id : List.copyOf(leg.peers.keySet())) {
            if (!peers.containsKey(id)) {
                peerLeft(leg, id);
            }
        }
        for (JsonNode peer : peers.values()) {
            JsonNode known = leg.peers.get(peer.path("id").asText());
            if (known == null) {
                peerJoined(leg, peer);
            } else if (!known.path("displayName").equals(peer.path("displayName"))) {
                renamed(leg, peer.path("id").asText(), peer.path("displayName").asText());
            }
        }
        for (JsonNode producer : state.path("producers")) {
            RemoteLeg.Remote known = leg.producers.get(producer.path("id").asText());
            if (known == null) {
                producerOpened(leg, producer);
            } else if (known.paused != producer.path("paused").asBoolean()) {
                paused(known, producer.path("paused").asBoolean());
            }
        }
        for (JsonNode dataProducer : state.path("dataProducers")) {
            if (!leg.dataProducers.containsKey(dataProducer.path("id").asText())) {
                dataProducerOpened(leg, dataProducer);
            }
        }
    }

    private void event(RemoteLeg leg, String type, ObjectNode message) {
        switch (type) {
            case "peerJoined" -> peerJoined(leg, message.path("peer"));
            case "peerLeft" -> peerLeft(leg, message.path("peerId").asText());
            case "displayName" -> renamed(leg, message.path("peerId").asText(), message.path("displayName").asText());
            case "producer" -> producerOpened(leg, message.path("producer"));
            case "producerClosed" -> closeRemote(leg, message.path("id").asText());
            case "producerPaused", "producerResumed" -> {
                RemoteLeg.Remote remote = leg.producers.get(message.path("id").asText());
                if (remote != null) {
                    paused(remote, type.equals("producerPaused"));
                }
            }
            case "dataProducer" -> dataProducerOpened(leg, message.path("dataProducer"));
            case "dataProducerClosed" -> closeRemoteData(leg, message.path("id").asText());
            default -> LOG.debug("room {}: ignored {} from node {}", room.key, type, leg.nodeId);
        }
    }

    private void peerJoined(RemoteLeg leg, JsonNode peer) {
        String id = peer.path("id").asText();
        if (id.isEmpty() || leg.peers.containsKey(id)) {
            return;
        }
        leg.peers.put(id, peer);
        if (!localPeer(id)) {
            room.broadcast("newPeer", peer, null);
        }
    }

    private void peerLeft(RemoteLeg leg, String peerId) {
        if (leg.peers.remove(peerId) != null && !localPeer(peerId) && !elsewhere(peerId, leg)) {
            room.broadcast("peerClosed", Map.of("peerId", peerId), null);
        }
    }

    private void renamed(RemoteLeg leg, String peerId, String displayName) {
        JsonNode known = leg.peers.get(peerId);
        if (known instanceof ObjectNode info) {
            String old = info.path("displayName").asText(null);
            info.put("displayName", displayName);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("peerId", peerId);
            change.put("displayName", displayName);
            change.put("oldDisplayName", old);
            room.broadcast("peerDisplayNameChanged", change, null);
        }
    }

    /** A peer id that is also a peer of this leg (a peer that moved here): ours wins. */
    private boolean localPeer(String peerId) {
        return room.joinedPeers(null).stream().anyMatch(p -> p.id.equals(peerId));
    }

    private boolean elsewhere(String peerId, RemoteLeg except) {
        return legs.values().stream().anyMatch(l -> l != except && l.peers.containsKey(peerId));
    }

    private void producerOpened(RemoteLeg leg, JsonNode info) {
        String id = info.path("id").asText();
        if (id.isEmpty() || leg.producers.containsKey(id)) {
            return;
        }
        MediaKind kind;
        try {
            kind = Json.MAPPER.convertValue(info.path("kind"), MediaKind.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("room {}: node {} announced producer {} of unknown kind {}", room.key, leg.nodeId, id, info.path("kind"));
            return;
        }
        RemoteLeg.Remote remote = new RemoteLeg.Remote(id, info.path("peerId").asText(), kind, info.path("paused").asBoolean(),
                info.path("appData"));
        leg.producers.put(id, remote);
        if (room.mediaOnly || !room.joinedPeers(null).isEmpty()) {
            pipe(leg, remote);
        }
    }

    private void paused(RemoteLeg.Remote remote, boolean paused) {
        remote.paused = paused;
        if (remote.producer != null && remote.producer.paused() != paused) {
            (paused ? remote.producer.pause() : remote.producer.resume()).exceptionally(error -> null);
        }
    }

    private void closeRemote(RemoteLeg leg, String producerId) {
        RemoteLeg.Remote remote = leg.producers.remove(producerId);
        if (remote != null) {
            remote.closed = true;
            if (remote.producer != null) {
                // Our consumers of the copy hear producerclose: their peers get consumerClosed.
                remote.producer.close();
            }
        }
    }

    private void dataProducerOpened(RemoteLeg leg, JsonNode info) {
        String id = info.path("id").asText();
        if (id.isEmpty() || leg.dataProducers.containsKey(id)) {
            return;
        }
        RemoteLeg.RemoteData remote = new RemoteLeg.RemoteData(id, info.path("peerId").asText(), info.path("label").asText(""));
        leg.dataProducers.put(id, remote);
        if (!room.mediaOnly && !room.joinedPeers(null).isEmpty()) {
            pipeData(leg, remote);
        }
    }

    private void closeRemoteData(RemoteLeg leg, String dataProducerId) {
        RemoteLeg.RemoteData remote = leg.dataProducers.remove(dataProducerId);
        if (remote != null) {
            remote.closed = true;
            if (remote.dataProducer != null) {
                remote.dataProducer.close();
            }
        }
    }

    /** Forgets a leg: its peers leave our peers' view, its media stops here, our pipe toward it closes. */
    private void drop(RemoteLeg leg) {
        legs.remove(leg.nodeId, leg);
        for (String producerId : List.copyOf(leg.producers.keySet())) {
            closeRemote(leg, producerId);
        }
        for (String dataProducerId : List.copyOf(leg.dataProducers.keySet())) {
            closeRemoteData(leg, dataProducerId);
        }
        for (String peerId : List.copyOf(leg.peers.keySet())) {
            peerLeft(leg, peerId);
        }
        leg.connected.completeExceptionally(new IllegalStateException("leg gone"));
        leg.pipe.thenAccept(PipeTransport::close);
    }

    // --- piping ---------------------------------------------------------------------------------

    /** Brings a remote producer onto our router, then lets every joined peer here consume it. */
    private void pipe(RemoteLeg leg, RemoteLeg.Remote remote) {
        if (remote.piping != null) {
            return;
        }
        ObjectNode ask = message("pipeProducer").put("producerId", remote.id);
        remote.piping = leg.connected
                .thenCompose(transport -> cascade.request(leg.nodeId, ask).thenApplyAsync(answer -> {
                    if (remote.closed) {
                        throw new IllegalStateException("closed meanwhile");
                    }
                    return answer;
                }, room.executor).thenCompose(answer -> transport.produce(ProducerOptions.builder()
                        .id(remote.id)
                        .kind(remote.kind)
                        .rtpParameters(Json.MAPPER.convertValue(answer.path("rtpParameters"), RtpParameters.class))
                        .paused(answer.path("paused").asBoolean())
                        .appData(appData(remote.appData))
                        .build())));
        remote.piping.whenCompleteAsync((producer, error) -> {
            if (error != null) {
                LOG.debug("room {}: piping producer {} from node {} failed: {}", room.key, remote.id, leg.nodeId, error.toString());
                remote.piping = null; // the next peer to join asks again
                if (room.mediaOnly && !remote.closed && !closed && legs.get(leg.nodeId) == leg) {
                    // No peer will join a media-only leg: ask again in a second, while the producer is announced.
                    CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, room.executor).execute(() -> {
                        if (!remote.closed && !closed && legs.get(leg.nodeId) == leg) {
                            pipe(leg, remote);
                        }
                    });
                }
                return;
            }
            if (remote.closed || closed) {
                producer.close();
                return;
            }
            remote.producer = producer;
            if (remote.paused != producer.paused()) {
                paused(remote, remote.paused);
            }
            for (RoomPeer peer : room.joinedPeers(null)) {
                offer(peer, remote, producer);
            }
            if (producer.kind() == MediaKind.AUDIO) {
                room.addToAudioObservers(producer.id());
            }
        }, room.executor);
    }

    private void pipeData(RemoteLeg leg, RemoteLeg.RemoteData remote) {
        if (remote.piping != null) {
            return;
        }
        ObjectNode ask = message("pipeDataProducer").put("dataProducerId", remote.id);
        remote.piping = leg.connected
                .thenCompose(transport -> cascade.request(leg.nodeId, ask).thenApplyAsync(answer -> {
                    if (remote.closed) {
                        throw new IllegalStateException("closed meanwhile");
                    }
                    return answer;
                }, room.executor).thenCompose(answer -> transport.produceData(DataProducerOptions.builder()
                        .id(remote.id)
                        .sctpStreamParameters(Json.MAPPER.convertValue(answer.path("sctpStreamParameters"),
                                SctpStreamParameters.class))
                        .label(answer.path("label").asText(""))
                        .protocol(answer.path("protocol").asText(""))
                        .appData(appData(answer.path("appData")))
                        .build())));
        remote.piping.whenCompleteAsync((dataProducer, error) -> {
            if (error != null) {
                LOG.debug("room {}: piping data producer {} from node {} failed: {}", room.key, remote.id, leg.nodeId,
                        error.toString());
                remote.piping = null;
                return;
            }
            if (remote.closed || closed) {
                dataProducer.close();
                return;
            }
            remote.dataProducer = dataProducer;
            for (RoomPeer peer : room.joinedPeers(null)) {
                offerData(peer, remote, dataProducer);
            }
        }, room.executor);
    }

    /**
     * Lets {@code peer} consume the copy, once: a copy can be ready between a peer's join and the task that
     * offers it the room's producers, and both would offer it.
     */
    private void offer(RoomPeer peer, RemoteLeg.Remote remote, Producer copy) {
        if (remote.offeredTo.add(peer)) {
            room.fanout.consume(peer, remote.peerId, copy);
        }
    }

    private void offerData(RoomPeer peer, RemoteLeg.RemoteData remote, DataProducer copy) {
        if (remote.offeredTo.add(peer)) {
            room.fanout.consumeData(peer, remote.peerId, copy);
        }
    }

    private static Map<String, Object> appData(JsonNode node) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = node != null && node.isObject() ? Json.MAPPER.convertValue(node, LinkedHashMap.class)
                : new LinkedHashMap<>();
        return map;
    }

    /** Another leg asks for one of our producers or data producers through its pipe. */
    CompletableFuture<ObjectNode> onRequest(String from, ObjectNode request) {
        RemoteLeg leg = legs.get(from);
        if (closed || leg == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no leg of node " + from + " here"));
        }
        return switch (request.path("type").asText()) {
            case "pipeProducer" -> pipeOut(leg, request.path("producerId").asText());
            case "pipeDataProducer" -> pipeDataOut(leg, request.path("dataProducerId").asText());
            default -> CompletableFuture.failedFuture(new IllegalArgumentException("unknown request " + request.path("type")));
        };
    }

    private CompletableFuture<ObjectNode> pipeOut(RemoteLeg leg, String producerId) {
        Producer producer = ownProducer(producerId);
        if (producer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no producer " + producerId + " here"));
        }
        Consumer existing = leg.pipeConsumers.get(producerId);
        if (existing != null && !existing.closed()) {
            return CompletableFuture.completedFuture(pipeAnswer(producer, existing));
        }
        return leg.connected.thenCompose(transport -> transport.consume(ConsumerOptions.builder().producerId(producerId).build()))
                .thenApplyAsync(consumer -> {
                    if (legs.get(leg.nodeId) != leg || consumer.closed()) {
                        consumer.close();
                        throw new IllegalStateException("leg gone");
                    }
                    leg.pipeConsumers.put(producerId, consumer);
                    consumer.observer().on(Consumer.OBSERVER_CLOSE, nothing ->
                            room.executor.execute(() -> leg.pipeConsumers.remove(producerId, consumer)));
                    return pipeAnswer(producer, consumer);
                }, room.executor);
    }

    private static ObjectNode pipeAnswer(Producer producer, Consumer consumer) {
        ObjectNode answer = Json.object();
        answer.set("rtpParameters", Json.tree(consumer.rtpParameters()));
        answer.put("paused", consumer.producerPaused());
        return answer;
    }

    private CompletableFuture<ObjectNode> pipeDataOut(RemoteLeg leg, String dataProducerId) {
        DataProducer dataProducer = ownDataProducer(dataProducerId);
        if (dataProducer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no data producer " + dataProducerId + " here"));
        }
        return leg.connected.thenCompose(transport -> transport.consumeData(DataConsumerOptions.of(dataProducerId)))
                .thenApplyAsync(dataConsumer -> {
                    if (legs.get(leg.nodeId) != leg || dataConsumer.closed()) {
                        dataConsumer.close();
                        throw new IllegalStateException("leg gone");
                    }
                    DataConsumer previous = leg.pipeDataConsumers.put(dataProducerId, dataConsumer);
                    if (previous != null) {
                        previous.close();
                    }
                    ObjectNode answer = Json.object();
                    answer.set("sctpStreamParameters", Json.tree(dataConsumer.sctpStreamParameters()));
                    answer.put("label", dataConsumer.label());
                    answer.put("protocol", dataConsumer.protocol());
                    answer.set("appData", Json.tree(dataProducer.appData()));
                    return answer;
                }, room.executor);
    }

    private Producer ownProducer(String producerId) {
        for (RoomPeer peer : room.joinedPeers(null)) {
            Producer producer = peer.producers.get(producerId);
            if (producer != null) {
                return producer;
            }
        }
        return null;
    }

    private DataProducer ownDataProducer(String dataProducerId) {
        for (RoomPeer peer : room.joinedPeers(null)) {
            DataProducer dataProducer = peer.dataProducers.get(dataProducerId);
            if (dataProducer != null) {
                return dataProducer;
            }
        }
        return null;
    }

    // --- what this leg tells the others ---------------------------------------------------------

    /** The joined peers of every other leg, for a joining peer's {@code peers} (ours come first, from the room). */
    List<JsonNode> remotePeers() {
        List<JsonNode> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RoomPeer peer : room.joinedPeers(null)) {
            seen.add(peer.id);
        }
        for (RemoteLeg leg : legs.values()) {
            for (JsonNode peer : leg.peers.values()) {
                if (seen.add(peer.path("id").asText())) {
                    result.add(peer);
                }
            }
        }
        return result;
    }

    /**
     * A peer of ours set up the transport it will consume on: it is about to join and take every remote
     * producer, so the pipes start now, while it finishes joining, rather than after (the leg's first
     * subscriber no longer waits for them, nor for a key frame asked through a pipe just made).
     */
    void anticipate() {
        for (RemoteLeg leg : legs.values()) {
            for (RemoteLeg.Remote remote : leg.producers.values()) {
                pipe(leg, remote);
            }
            for (RemoteLeg.RemoteData remote : leg.dataProducers.values()) {
                if (!BOT_LABEL.equals(remote.label)) {
                    pipeData(leg, remote);
                }
            }
        }
    }

    /** A peer of ours joined: it consumes every remote producer, and the other legs hear of it. */
    void joined(RoomPeer peer) {
        broadcast(message("peerJoined").set("peer", peerInfo(peer)));
        for (RemoteLeg leg : legs.values()) {
            for (RemoteLeg.Remote remote : leg.producers.values()) {
                if (remote.producer != null) {
                    offer(peer, remote, remote.producer);
                } else {
                    pipe(leg, remote); // its completion lets every joined peer, this one included, consume it
                }
            }
            for (RemoteLeg.RemoteData remote : leg.dataProducers.values()) {
                if (BOT_LABEL.equals(remote.label)) {
                    continue;
                }
                if (remote.dataProducer != null) {
                    offerData(peer, remote, remote.dataProducer);
                } else {
                    pipeData(leg, remote);
                }
            }
        }
        reportPeers();
    }

    void left(RoomPeer peer) {
        broadcast(message("peerLeft").put("peerId", peer.id));
        reportPeers();
    }

    void renamed(RoomPeer peer) {
        broadcast(message("displayName").put("peerId", peer.id).put("displayName", peer.displayName));
    }

    void producerOpened(RoomPeer peer, Producer producer) {
        broadcast(message("producer").set("producer", producerInfo(peer, producer)));
    }

    void producerClosed(String producerId) {
        broadcast(message("producerClosed").put("id", producerId));
    }

    void producerPaused(String producerId, boolean paused) {
        broadcast(message(paused ? "producerPaused" : "producerResumed").put("id", producerId));
    }

    void dataProducerOpened(RoomPeer peer, DataProducer dataProducer) {
        if (!BOT_LABEL.equals(dataProducer.label())) {
            broadcast(message("dataProducer").set("dataProducer", dataProducerInfo(peer, dataProducer)));
        }
    }

    void dataProducerClosed(String dataProducerId) {
        broadcast(message("dataProducerClosed").put("id", dataProducerId));
    }

    void reportPeers() {
        cascade.reportPeers(room.key, room.peerCount());
    }

    private void broadcast(JsonNode message) {
        if (closed) {
            return;
        }
        for (RemoteLeg leg : legs.values()) {
            if (leg.greeted) {
                cascade.send(leg.nodeId, (ObjectNode) message);
            }
        }
    }

    /** The room closed here: the other legs forget this one at once rather than when they notice. */
    void close() {
        if (closed) {
            return;
        }
        broadcast(message("closed"));
        closed = true;
        for (RemoteLeg leg : List.copyOf(legs.values())) {
            leg.connected.completeExceptionally(new IllegalStateException("room closed"));
            leg.pipe.thenAccept(PipeTransport::close);
        }
        legs.clear();
    }

    /** Piped streams in each direction per other leg: {@code [in, out]}. */
    Map<String, int[]> pipes() {
        Map<String, int[]> result = new LinkedHashMap<>();
        for (RemoteLeg leg : legs.values()) {
            result.put(leg.nodeId, new int[] {pipedIn(leg), leg.pipeConsumers.size()});
        }
        return result;
    }

    /** The other leg's producers copied here. */
    private static int pipedIn(RemoteLeg leg) {
        return (int) leg.producers.values().stream().filter(r -> r.producer != null).count();
    }

    /** The links to the other legs, with the pipes' bitrates from the worker (idle when its stats are late). */
    CompletableFuture<List<RoomSnapshot.Link>> links() {
        List<CompletableFuture<RoomSnapshot.Link>> links = new ArrayList<>();
        for (RemoteLeg leg : legs.values()) {
            int in = pipedIn(leg);
            int out = leg.pipeConsumers.size();
            RoomSnapshot.Link idle = new RoomSnapshot.Link(leg.nodeId, in, out, 0, 0);
            PipeTransport transport = leg.pipe.getNow(null);
            if (transport == null || transport.closed()) {
                links.add(CompletableFuture.completedFuture(idle));
                continue;
            }
            links.add(transport.getStats().thenApply(stats -> {
                long bitrateIn = 0;
                long bitrateOut = 0;
                for (var stat : stats) {
                    bitrateIn += stat.recvBitrate();
                    bitrateOut += stat.sendBitrate();
                }
                return new RoomSnapshot.Link(leg.nodeId, in, out, bitrateIn, bitrateOut);
            }).exceptionally(error -> idle).completeOnTimeout(idle, 2, TimeUnit.SECONDS));
        }
        return CompletableFuture.allOf(links.toArray(CompletableFuture[]::new))
                .thenApply(nothing -> links.stream().map(CompletableFuture::join).toList());
    }
}
