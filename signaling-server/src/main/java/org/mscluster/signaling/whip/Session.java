package org.mscluster.signaling.whip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.mediasoup.transport.IceCandidate;
import org.mscluster.mediasoup.transport.IceParameters;
import org.mscluster.sdp.Sdp;
import org.mscluster.sdp.SdpParseException;
import org.mscluster.sdp.TransportDescription;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.ProtooError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHIP or WHEP resource: a room peer driven through its {@link InVmProtooClient}, its one
 * WebRTC transport, and the answer it gave. It ends (and the room frees everything the peer made)
 * on DELETE, when the room drops the peer (room closed, ICE consent lost, DTLS failed), or when
 * DTLS has not connected {@link #CONNECT_TIMEOUT_SECONDS} after the answer.
 */
abstract class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    static final long CONNECT_TIMEOUT_SECONDS = 30;

    final String id = UUID.randomUUID().toString().replace("-", "");
    final RoomKey room;
    final String peerId;
    final String token;
    final InVmProtooClient client;
    volatile String transportId;
    volatile IceParameters iceParameters;
    volatile List<IceCandidate> iceCandidates;
    volatile String etag = "\"" + UUID.randomUUID() + "\"";

    /** The client's ICE username fragment: a PATCH with another one is an ICE restart. */
    volatile String remoteUfrag;

    Session(RoomKey room, String peerId, String token, InVmProtooClient client) {
        this.room = room;
        this.peerId = peerId;
        this.token = token;
        this.client = client;
    }

    /** Negotiates {@code offer} and answers; on failure the peer is gone with all it made. */
    abstract CompletableFuture<Sdp> start(Sdp offer);

    /** Creates the transport and connects it with the offer's DTLS fingerprints; returns our side. */
    CompletableFuture<TransportDescription> createTransport(Sdp offer, boolean producing) {
        TransportDescription remote = TransportDescription.read(offer, offer.media().stream()
                .filter(section -> !section.isRejected()).findFirst()
                .orElseThrow(() -> new SdpParseException("no media section")));
        String answerSetup = remote.answerSetup();
        remoteUfrag = remote.iceUfrag();
        return client.request("createWebRtcTransport", Map.of("forceTcp", false, "producing", producing, "consuming", !producing))
                .thenCompose(transport -> {
                    transportId = transport.get("id").asText();
                    iceParameters = Json.MAPPER.convertValue(transport.get("iceParameters"), IceParameters.class);
                    iceCandidates = List.of(Json.MAPPER.convertValue(transport.get("iceCandidates"), IceCandidate[].class));
                    var dtls = Json.MAPPER.convertValue(transport.get("dtlsParameters"),
                            org.mscluster.mediasoup.transport.DtlsParameters.class);
                    return client.request("connectWebRtcTransport", Map.of("transportId", transportId,
                            "dtlsParameters", remote.dtlsParameters(answerSetup)))
                            .thenApply(nothing -> TransportDescription.of(iceParameters, iceCandidates, dtls, answerSetup));
                });
    }

    /** The transport's DTLS state ({@code connected}, …), null when unknown. */
    CompletableFuture<String> dtlsState() {
        return client.request("getTransportStats", Map.of("transportId", transportId)).thenApply(stats ->
                stats == null || !stats.isArray() || stats.isEmpty() ? null : stats.get(0).path("dtlsState").asText(null));
    }

    /** Ends the session if DTLS is not connected in time (a client that never came, or a NAT that never opened). */
    void watchConnect(ScheduledExecutorService scheduler) {
        scheduler.schedule(() -> client.closeFuture().isDone() ? null : dtlsState().whenComplete((dtls, error) -> {
            if (error != null || !"connected".equals(dtls)) {
                LOG.info("{} {}: DTLS {} {} s after the answer, ending it", kind(), id, dtls, CONNECT_TIMEOUT_SECONDS);
                close();
            }
        }), CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** An ICE restart asked by PATCH: the transport's new credentials. */
    CompletableFuture<IceParameters> restartIce() {
        return client.request("restartIce", Map.of("transportId", transportId)).thenApply(ice -> {
            IceParameters fresh = Json.MAPPER.convertValue(ice, IceParameters.class);
            iceParameters = fresh;
            etag = "\"" + UUID.randomUUID() + "\"";
            return fresh;
        });
    }

    abstract String kind();

    void close() {
        client.close();
    }

    /** The HTTP status for a failure of the room or of the offer. */
    static WhipException asHttp(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WhipException whip) {
            return whip;
        }
        if (cause instanceof IllegalArgumentException bad) {
            return new WhipException(400, String.valueOf(bad.getMessage()));
        }
        if (cause instanceof ProtooError protoo) {
            int code = protoo.code();
            return new WhipException(code == 400 || code == 403 || code == 404 || code == 429 || code == 503 ? code : 500,
                    protoo.reason());
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return new WhipException(503, "the room did not answer in time");
        }
        LOG.warn("WHIP/WHEP session failed", cause);
        return new WhipException(500, String.valueOf(cause.getMessage()));
    }

    /** What a peer that consumes nothing joins with: the room offers it no consumer. */
    static JsonNode emptyCaps() {
        var caps = Json.object();
        caps.set("codecs", Json.MAPPER.createArrayNode());
        caps.set("headerExtensions", Json.MAPPER.createArrayNode());
        return caps;
    }
}
