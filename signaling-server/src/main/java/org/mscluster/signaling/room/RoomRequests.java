package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerLayers;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;
import org.mscluster.mediasoup.transport.BweTraceInfo;
import org.mscluster.mediasoup.transport.DtlsParameters;
import org.mscluster.mediasoup.transport.DtlsState;
import org.mscluster.mediasoup.transport.IceState;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.ProtooError;
import org.mscluster.signaling.protoo.ProtooMessage;
import org.mscluster.signaling.protoo.Refusals;

/**
 * The client→server methods of PROTOCOL.md, as the demo's {@code _handleProtooRequest}. Runs on the
 * room's executor; every continuation of a worker request hops back onto it.
 */
final class RoomRequests {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RoomRequests.class);

    /** What a peer may do before {@code join}: set up transports and read stats. */
    private static final Set<String> BEFORE_JOIN = Set.of("getRouterRtpCapabilities", "createWebRtcTransport",
            "connectWebRtcTransport", "restartIce", "getTransportStats", "getProducerStats", "getConsumerStats",
            "getDataProducerStats", "getDataConsumerStats", "join");
    /** Data producers with this label are the demo app's bot channel, which this server does not run. */
    private static final String BOT_LABEL = "bot";

    private final Room room;

    RoomRequests(Room room) {
        this.room = room;
    }

    CompletionStage<?> handle(RoomPeer peer, ProtooMessage.Request request) {
        if (room.closed()) {
            throw new ProtooError(ProtooError.INTERNAL, "room closed");
        }
        if (!BEFORE_JOIN.contains(request.method()) && KNOWN.contains(request.method())) {
            peer.requireJoined();
        }
        RequestData data = new RequestData(request.data());
        switch (request.method()) {
            case "getRouterRtpCapabilities":
                return done(room.router.rtpCapabilities());
            case "join":
                return join(peer, data);
            case "createWebRtcTransport":
                return createWebRtcTransport(peer, data);
            case "connectWebRtcTransport":
                return peer.transport(data.text("transportId")).connect(data.as("dtlsParameters", DtlsParameters.class))
                        .thenApplyAsync(nothing -> null, room.executor);
            case "restartIce":
                return peer.transport(data.text("transportId")).restartIce();
            case "produce":
                return produce(peer, data);
            case "closeProducer": {
                Producer producer = peer.producer(data.text("producerId"));
                producer.close();
                room.producerGone(peer, producer.id());
                return done(null);
            }
            case "pauseProducer":
                return peer.producer(data.text("producerId")).pause();
            case "resumeProducer":
                return peer.producer(data.text("producerId")).resume();
            case "pauseConsumer":
                return peer.consumer(data.text("consumerId")).pause();
            case "resumeConsumer":
                return peer.consumer(data.text("consumerId")).resume();
            case "setConsumerPreferredLayers": {
                Consumer consumer = peer.consumer(data.text("consumerId"));
                return consumer.setPreferredLayers(new ConsumerLayers(data.integer("spatialLayer"), data.optionalInt("temporalLayer")));
            }
            case "setConsumerPriority":
                return peer.consumer(data.text("consumerId")).setPriority(data.integer("priority"));
            case "requestConsumerKeyFrame":
                return peer.consumer(data.text("consumerId")).requestKeyFrame();
            case "produceData":
                return produceData(peer, data);
            case "changeDisplayName":
                return changeDisplayName(peer, data);
            case "getTransportStats":
                return peer.transport(data.text("transportId")).getStats();
            case "getProducerStats":
                return peer.producer(data.text("producerId")).getStats();
            case "getConsumerStats":
                return peer.consumer(data.text("consumerId")).getStats();
            case "getDataProducerStats":
                return peer.dataProducer(data.text("dataProducerId")).getStats();
            case "getDataConsumerStats":
                return peer.dataConsumer(data.text("dataConsumerId")).getStats();
            case "startEgress":
                return room.egress.start(room.key, peer.id, peer.connectionRequest(), request.data());
            case "stopEgress":
                return room.egress.stop(room.key, peer.id, peer.connectionRequest(), request.data());
            default:
                throw new ProtooError(ProtooError.NOT_FOUND, "unknown request.method \"" + request.method() + "\"");
        }
    }

    private static final Set<String> KNOWN = Set.of("getRouterRtpCapabilities", "join", "createWebRtcTransport",
            "connectWebRtcTransport", "restartIce", "produce", "closeProducer", "pauseProducer", "resumeProducer",
            "pauseConsumer", "resumeConsumer", "setConsumerPreferredLayers", "setConsumerPriority",
            "requestConsumerKeyFrame", "produceData", "changeDisplayName", "getTransportStats", "getProducerStats",
            "getConsumerStats", "getDataProducerStats", "getDataConsumerStats", "startEgress", "stopEgress");

    /** The method's name if PROTOCOL.md has it, else {@code other}: a metric's tag must not be the client's choice. */
    static String metricName(String method) {
        return KNOWN.contains(method) ? method : "other";
    }

    private CompletionStage<?> join(RoomPeer peer, RequestData data) {
        if (peer.joined) {
            throw new ProtooError(ProtooError.FORBIDDEN, "Peer already joined");
        }
        // Checked here, as mediasoup checks them before consuming: capabilities it cannot read are the
        // client's 400 now, rather than an error in the log at every producer this peer is offered.
        RtpCapabilities capabilities;
        try {
            capabilities = Ortc.validateAndNormalizeRtpCapabilities(data.as("rtpCapabilities", RtpCapabilities.class));
        } catch (TypeError e) {
            throw ProtooError.badRequest("invalid rtpCapabilities: " + e.getMessage());
        }
        peer.displayName = data.optionalText("displayName", "Guest");
        peer.device = data.node("device");
        peer.rtpCapabilities = capabilities;
        peer.audioLevels = data.flag("audioLevels");
        peer.joined = true;
        peer.since = java.time.Instant.now();
        room.levelsWanted();
        room.events.peerJoined(room.key, peer.info());

        List<RoomPeer> others = room.joinedPeers(peer);
        List<Map<String, Object>> infos = new ArrayList<>();
        for (RoomPeer other : others) {
            infos.add(peerInfo(other));
        }
        List<Object> peers = new ArrayList<>(infos);
        if (room.legs != null) {
            peers.addAll(room.legs.remotePeers());
        }
        // The answer goes out first (it is written when this returns); the offers follow as later tasks.
        room.executor.execute(() -> {
            if (!room.contains(peer)) {
                return;
            }
            for (RoomPeer other : room.joinedPeers(peer)) {
                for (Producer producer : other.producers.values()) {
                    room.fanout.consume(peer, other.id, producer);
                }
                for (DataProducer dataProducer : other.dataProducers.values()) {
                    if (!BOT_LABEL.equals(dataProducer.label())) {
                        room.fanout.consumeData(peer, other.id, dataProducer);
                    }
                }
            }
            room.broadcast("newPeer", peerInfo(peer), peer);
            if (room.legs != null) {
                room.legs.joined(peer);
            }
        });
        return done(Map.of("peers", peers));
    }

    private static Map<String, Object> peerInfo(RoomPeer peer) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", peer.id);
        info.put("displayName", peer.displayName);
        info.put("device", peer.device);
        return info;
    }

    private CompletionStage<?> createWebRtcTransport(RoomPeer peer, RequestData data) {
        boolean forceTcp = data.flag("forceTcp");
        Map<String, Object> appData = new LinkedHashMap<>();
        appData.put("producing", data.flag("producing"));
        appData.put("consuming", data.flag("consuming"));
        PeerLimits limits = room.settings().peerLimits();
        within(peer, peer.transports.size() + peer.transportsPending, limits.transports(), Refusals.Reason.PEER_TRANSPORTS,
                "WebRTC transports");
        peer.transportsPending++;
        return settled(room.media.createWebRtcTransport(room.router, room.worker.webRtcServer(), forceTcp, appData),
                () -> peer.transportsPending--, transport -> {
                    if (!room.contains(peer)) {
                        transport.close();
                        throw new ProtooError(ProtooError.INTERNAL, "peer left");
                    }
                    peer.transports.put(transport.id(), transport);
                    watch(peer, transport);
                    if (room.legs != null && Boolean.TRUE.equals(appData.get("consuming"))) {
                        room.legs.anticipate();
                    }
                    transport.setMaxIncomingBitrate(room.settings().maxIncomingBitrate()).exceptionally(error -> null);
                    ObjectNode answer = Json.object().put("id", transport.id());
                    answer.set("iceParameters", Json.tree(transport.iceParameters()));
                    answer.set("iceCandidates", Json.tree(transport.iceCandidates()));
                    answer.set("dtlsParameters", Json.tree(transport.dtlsParameters()));
                    if (transport.sctpParameters() != null) {
                        answer.set("sctpParameters", Json.tree(transport.sctpParameters()));
                    }
                    return answer;
                });
    }

    /** A transport that lost its client (ICE consent gone, DTLS failed) takes its peer out, as in the demo. */
    private void watch(RoomPeer peer, WebRtcTransport transport) {
        String transportId = transport.id();
        transport.on(WebRtcTransport.ICE_STATE_CHANGE, state -> {
            if (state == IceState.DISCONNECTED || state == IceState.CLOSED) {
                LOG.info("room {}: peer {} lost ICE on transport {} ({}), closing it", room.key, peer.id, transportId, state);
                peer.protoo.close();
            }
        });
        transport.on(WebRtcTransport.DTLS_STATE_CHANGE, state -> {
            if (state == DtlsState.FAILED || state == DtlsState.CLOSED) {
                LOG.info("room {}: peer {} DTLS {} on transport {}, closing it", room.key, peer.id, state, transportId);
                peer.protoo.close();
            }
        });
        transport.on(Transport.TRACE, trace -> {
            if ("out".equals(trace.direction()) && trace.info() instanceof BweTraceInfo bwe) {
                peer.protoo.notify("downlinkBwe", Map.of("desiredBitrate", bwe.desiredBitrate(),
                        "effectiveDesiredBitrate", bwe.effectiveDesiredBitrate(), "availableBitrate", bwe.availableBitrate()));
            }
        });
        transport.enableTraceEvent("bwe").exceptionally(error -> null);
        transport.observer().on(Transport.OBSERVER_CLOSE, nothing -> room.executor.execute(() -> peer.transports.remove(transportId)));
    }

    private CompletionStage<?> produce(RoomPeer peer, RequestData data) {
        WebRtcTransport transport = peer.transport(data.text("transportId"));
        MediaKind kind = data.as("kind", MediaKind.class);
        RtpParameters rtpParameters = data.as("rtpParameters", RtpParameters.class);
        Map<String, Object> appData = data.map("appData");
        // The audio observers report producers; the peer id in appData tells whose voice it is.
        appData.put("peerId", peer.id);
        within(peer, peer.producers.size() + peer.producersPending, room.settings().peerLimits().producers(),
                Refusals.Reason.PEER_PRODUCERS, "producers");
        peer.producersPending++;
        return settled(room.media.produce(transport, kind, rtpParameters, appData),
                () -> peer.producersPending--, producer -> {
            if (!room.contains(peer)) {
                producer.close();
                throw new ProtooError(ProtooError.INTERNAL, "peer left");
            }
            peer.producers.put(producer.id(), producer);
            String producerId = producer.id();
            producer.on(Producer.SCORE, score -> peer.protoo.notify("producerScore", Map.of("producerId", producerId, "score", score)));
            producer.observer().on(Producer.OBSERVER_CLOSE, nothing -> room.executor.execute(() -> room.producerGone(peer, producerId)));
            room.events.producerCreated(room.key, peer.id, producerId, producer.kind().value());
            if (room.legs != null) {
                room.legs.producerOpened(peer, producer);
                producer.observer().on(Producer.OBSERVER_PAUSE, nothing -> room.executor.execute(() -> room.legs.producerPaused(producerId, true)));
                producer.observer().on(Producer.OBSERVER_RESUME, nothing -> room.executor.execute(() -> room.legs.producerPaused(producerId, false)));
            }
            room.executor.execute(() -> {
                for (RoomPeer other : room.joinedPeers(peer)) {
                    room.fanout.consume(other, peer.id, producer);
                }
                if (producer.kind() == MediaKind.AUDIO) {
                    room.addToAudioObservers(producerId);
                }
            });
            return Map.of("id", producerId);
        });
    }

    private CompletionStage<?> produceData(RoomPeer peer, RequestData data) {
        WebRtcTransport transport = peer.transport(data.text("transportId"));
        SctpStreamParameters parameters = data.as("sctpStreamParameters", SctpStreamParameters.class);
        String label = data.optionalText("label", "");
        String protocol = data.optionalText("protocol", "");
        within(peer, peer.dataProducers.size() + peer.dataProducersPending, room.settings().peerLimits().dataProducers(),
                Refusals.Reason.PEER_DATA_PRODUCERS, "data producers");
        peer.dataProducersPending++;
        return settled(room.media.produceData(transport, parameters, label, protocol, data.map("appData")),
                () -> peer.dataProducersPending--, dataProducer -> {
            if (!room.contains(peer)) {
                dataProducer.close();
                throw new ProtooError(ProtooError.INTERNAL, "peer left");
            }
            String id = dataProducer.id();
            peer.dataProducers.put(id, dataProducer);
            dataProducer.observer().on(DataProducer.OBSERVER_CLOSE, nothing -> room.executor.execute(() -> {
                if (peer.dataProducers.remove(id) != null && room.legs != null) {
                    room.legs.dataProducerClosed(id);
                }
            }));
            if (room.legs != null) {
                room.legs.dataProducerOpened(peer, dataProducer);
            }
            if (!BOT_LABEL.equals(label)) {
                room.executor.execute(() -> {
                    for (RoomPeer other : room.joinedPeers(peer)) {
                        room.fanout.consumeData(other, peer.id, dataProducer);
                    }
                });
            }
            return Map.of("id", id);
        });
    }

    /**
     * Releases a pending count and registers what was created in one task on the room's executor: as two tasks, a
     * request run between them saw neither the pending entry nor the registered one, and got past the limit.
     */
    private <T, R> CompletionStage<R> settled(CompletionStage<T> created, Runnable release, Function<T, R> register) {
        return created.handleAsync((value, error) -> {
            release.run();
            if (error != null) {
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            return register.apply(value);
        }, room.executor);
    }

    /** Refuses (403) what would take {@code peer} past {@code limit}; counted as {@code reason}. */
    private static void within(RoomPeer peer, int current, int limit, Refusals.Reason reason, String what) {
        if (current >= limit) {
            peer.protoo.refusals().count(reason);
            throw new ProtooError(ProtooError.FORBIDDEN, "a peer may have at most " + limit + " " + what);
        }
    }

    private CompletionStage<?> changeDisplayName(RoomPeer peer, RequestData data) {
        String displayName = data.text("displayName");
        String old = peer.displayName;
        peer.displayName = displayName;
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("peerId", peer.id);
        change.put("displayName", displayName);
        change.put("oldDisplayName", old);
        room.broadcast("peerDisplayNameChanged", change, peer);
        if (room.legs != null) {
            room.legs.renamed(peer);
        }
        return done(null);
    }

    /**
     * mediasoup's {@code TypeError} (invalid arguments, from ortc's checks or the worker) and {@code
     * UnsupportedError} (a codec the router does not have) on a request's path are about what the
     * client sent, e.g. a fingerprint algorithm it made up: a 400 naming the problem, as RequestData's
     * own checks give, not a 500 with a logged stack trace. A {@code NotFoundError} is an entity the
     * worker closed while the room still listed it (a consumer whose producer just closed): a 404, as
     * for ids the room does not know. Other failures pass unchanged.
     */
    static Throwable asClientError(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TypeError || cause instanceof UnsupportedError) {
            return ProtooError.badRequest(cause.getMessage());
        }
        if (cause instanceof NotFoundError) {
            return ProtooError.notFound(cause.getMessage());
        }
        return error;
    }

    private static CompletionStage<Object> done(Object value) {
        return CompletableFuture.completedFuture(value);
    }
}
