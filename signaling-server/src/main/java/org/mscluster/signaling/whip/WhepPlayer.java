package org.mscluster.signaling.whip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.router.PipeToRouterOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.DtlsState;
import org.mscluster.mediasoup.transport.IceState;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.sdp.MediaSection;
import org.mscluster.sdp.MediaSectionWriter;
import org.mscluster.sdp.ProducerRtpParameters;
import org.mscluster.sdp.RtpParametersReader;
import org.mscluster.sdp.Sdp;
import org.mscluster.sdp.SessionWriter;
import org.mscluster.sdp.TransportDescription;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WHEP viewer of one peer ({@code ?peer=ID}) or of the room's active speaker (no {@code ?peer=}):
 * a peer of the room (joined over protoo without capabilities, so the room offers it nothing),
 * whose media comes from a router of its own on the room's worker. That router is created with the
 * offer's payload types, and the watched peer's producers are piped into it: its consumers then
 * send exactly the payload types the player offered, which a player only decoding its own numbers
 * (Chromium) needs, and which the room's router, shared by every peer, cannot give. Each receiving
 * section gets the peer's first producer of its kind; RTX and header extensions are left out
 * (their numbers are the worker's own).
 *
 * <p>Active speaker: at each dominant-speaker change the new speaker's producers are piped in and
 * each section's consumer is replaced by a consumer of them, under a new SSRC; the answer names no
 * SSRC ({@code a=msid} only). Why not keep the SSRC (the obvious way to keep the answer's m-lines
 * valid without renegotiation): each new worker consumer starts its sequence numbers at a random
 * value and passes the new producer's RTP timestamps and VP8 picture ids through, so on one SSRC
 * the receiver would see them jump, backwards half of the time, and libwebrtc drops packets that
 * look old (its packet buffer once cleared up to a sequence number, NetEq by timestamp) until the
 * numbers catch up, minutes later (read from libwebrtc's sources, not tried). A section without SSRCs is "unsignaled" to libwebrtc: it demuxes
 * the stream by payload type (unique per section in a browser's offer) and builds a fresh receive
 * stream for each new SSRC, feeding the same track. The consumer created on the connected transport
 * asks its producer for a key frame, so video resumes at once.
 */
final class WhepPlayer extends Session {

    private static final Logger LOG = LoggerFactory.getLogger(WhepPlayer.class);

    private final String targetPeerId;
    private final RoomRegistry rooms;
    private volatile Router viewerRouter;
    private volatile WebRtcTransport transport;
    /** Per offered section: what it sends now (null entries: section refused or nothing of its kind). */
    private List<MediaSection> wanted;
    private volatile Consumer[] consumers;
    private volatile Producer[] pipeProducers;
    /** The peer whose media is sent now (active-speaker mode: the last speaker switched to). */
    private volatile String sourcePeerId;
    /** Switches run one after the other. */
    private CompletableFuture<Void> switching = CompletableFuture.completedFuture(null);

    WhepPlayer(RoomKey room, String peerId, String token, String targetPeerId, InVmProtooClient client,
            RoomRegistry rooms) {
        super(room, peerId, token, client);
        this.targetPeerId = targetPeerId;
        this.rooms = rooms;
        client.closeFuture().thenRun(this::closeRouter);
    }

    @Override
    String kind() {
        return "WHEP";
    }

    @Override
    CompletableFuture<Sdp> start(Sdp offer) {
        List<MediaSection> wanted = new ArrayList<>();
        for (MediaSection section : offer.media()) {
            boolean receiving = section.direction().equals("recvonly") || section.direction().equals("sendrecv");
            boolean usable = !section.isRejected() && section.isRtp() && receiving && section.mid().isPresent()
                    && MediaKind.fromValue(section.kind()) != null;
            wanted.add(usable ? section : null);
        }
        if (wanted.stream().allMatch(section -> section == null)) {
            throw new WhipException(400, "the offer has no receiving audio or video section");
        }
        TransportDescription remote = remoteTransport(offer);
        this.wanted = wanted;
        return client.request("join", Map.of(
                        "displayName", followsSpeaker() ? "WHEP viewer of the active speaker" : "WHEP viewer of " + targetPeerId,
                        "device", Map.of("flag", "whep", "name", "WHEP", "version", "draft"),
                        "rtpCapabilities", emptyCaps()))
                .thenCompose(joined -> {
                    Room room = rooms.find(this.room).orElseThrow(() -> new WhipException(503, "the room is gone"));
                    return firstSource(room).thenCompose(source -> room.producersOf(source).thenApply(producers -> {
                        sourcePeerId = source;
                        return producers;
                    })).thenCompose(producers -> {
                        if (producers.isEmpty()) {
                            throw new WhipException(404, followsSpeaker() ? "nobody sends in this room"
                                    : "peer '" + targetPeerId + "' sends nothing in this room");
                        }
                        List<RtpCodecCapability> codecs = viewerCodecs(wanted, room.router().rtpCapabilities(), producers);
                        return room.mediaWorker().worker().createRouter(RouterOptions.of(codecs))
                                .thenCompose(router -> {
                                    viewerRouter = router;
                                    if (client.closeFuture().isDone()) {
                                        closeRouter();
                                    }
                                    return play(room, router, offer, wanted, producers, remote)
                                            .whenComplete((answer, error) -> {
                                                // A switch while the answer was made was not heard.
                                                String speaker = room.dominantSpeaker();
                                                if (error == null && speaker != null) {
                                                    speakerChanged(speaker);
                                                }
                                            });
                                });
                    });
                });
    }

    /** Without {@code ?peer=}: the viewer follows the room's active speaker. */
    boolean followsSpeaker() {
        return targetPeerId == null || targetPeerId.isEmpty();
    }

    /**
     * The peer to send first: {@code ?peer=}, else the room's dominant speaker if it sends, else the
     * first peer that sends video, else the first that sends anything (null if nobody does).
     */
    private CompletableFuture<String> firstSource(Room room) {
        if (!followsSpeaker()) {
            return CompletableFuture.completedFuture(targetPeerId);
        }
        String speaker = room.dominantSpeaker();
        return room.producers().thenApply(all -> all.stream().filter(p -> p.peerId().equals(speaker)).findFirst()
                .or(() -> all.stream().filter(p -> p.kind().equals("video")).findFirst())
                .or(() -> all.stream().findFirst())
                .map(Room.ProducerSource::peerId).orElse(null));
    }

    /**
     * The room named another dominant speaker: send that peer's media instead, section by section
     * (a section whose kind the peer does not send, or sends in a codec this viewer's router lacks,
     * keeps what it had). Returns quickly; the switch runs after any earlier one.
     */
    void speakerChanged(String peerId) {
        if (!followsSpeaker() || consumers == null) {
            return;
        }
        synchronized (this) {
            switching = switching.thenCompose(nothing -> switchTo(peerId))
                    .exceptionally(error -> {
                        LOG.warn("WHEP session {}: switching to speaker {} failed: {}", id, peerId, error.toString());
                        return null;
                    });
        }
    }

    private CompletableFuture<Void> switchTo(String peerId) {
        Router router = viewerRouter;
        WebRtcTransport current = transport;
        Room room = rooms.find(this.room).orElse(null);
        if (peerId.equals(sourcePeerId) || peerId.equals(this.peerId) || router == null || current == null
                || room == null || router.closed() || current.closed()) {
            return CompletableFuture.completedFuture(null);
        }
        return room.producersOf(peerId).thenCompose(producers -> {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            List<String> used = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < wanted.size(); i++) {
                MediaSection section = wanted.get(i);
                if (section == null || consumers[i] == null) {
                    continue;
                }
                String mime = consumers[i].rtpParameters().codecs().get(0).mimeType();
                Optional<Producer> next = producers.stream().filter(p -> p.kind().value().equals(section.kind())
                        && !used.contains(p.id()) && p.rtpParameters().codecs().get(0).mimeType().equalsIgnoreCase(mime))
                        .findFirst();
                if (next.isEmpty()) {
                    continue;
                }
                any = true;
                used.add(next.get().id());
                int index = i;
                chain = chain.thenCompose(nothing -> replace(room, router, current, index, next.get()));
            }
            if (any) {
                sourcePeerId = peerId;
                LOG.info("WHEP session {}: now sending the active speaker {}", id, peerId);
            }
            return chain;
        });
    }

    /** Section {@code index} sends {@code producer} from now on: its old consumer and pipe go. */
    private CompletableFuture<Void> replace(Room room, Router router, WebRtcTransport current, int index, Producer producer) {
        return room.router().pipeToRouter(PipeToRouterOptions.builder()
                        .producerId(producer.id()).router(router).keepId(false).build())
                .thenCompose(piped -> {
                    Producer oldPipe = pipeProducers[index];
                    pipeProducers[index] = piped.pipeProducer();
                    if (oldPipe != null) {
                        // Closes its consumer here and its pipe consumer in the room's router.
                        oldPipe.close();
                    }
                    return current.consume(consumerOptions(router, piped.pipeProducer().id(), index));
                })
                .thenAccept(consumer -> consumers[index] = consumer);
    }

    private ConsumerOptions consumerOptions(Router router, String producerId, int index) {
        RtpCapabilities caps = new RtpCapabilities(router.rtpCapabilities().codecs().stream()
                .filter(codec -> !codec.mimeType().toLowerCase().endsWith("/rtx")).toList(), List.of());
        return ConsumerOptions.builder().producerId(producerId).rtpCapabilities(caps).enableRtx(false)
                .mid(wanted.get(index).mid().orElseThrow()).build();
    }

    private static TransportDescription remoteTransport(Sdp offer) {
        return TransportDescription.read(offer, offer.media().stream().filter(section -> !section.isRejected())
                .findFirst().orElseThrow());
    }

    /**
     * One offered codec per kind, under the offer's payload type: the codec of the watched peer's
     * producer of that kind when offered, else the first the room's router has. One per kind keeps
     * the RTX payload types mediasoup picks clear of the offer's.
     */
    private static List<RtpCodecCapability> viewerCodecs(List<MediaSection> wanted, RtpCapabilities roomCaps,
            List<Producer> producers) {
        List<RtpCodecCapability> codecs = new ArrayList<>();
        for (MediaSection section : wanted) {
            if (section == null) {
                continue;
            }
            MediaKind kind = MediaKind.fromValue(section.kind());
            if (codecs.stream().anyMatch(c -> c.kind() == kind)) {
                continue;
            }
            String sent = producers.stream().filter(p -> p.kind() == kind).findFirst()
                    .map(p -> p.rtpParameters().codecs().get(0).mimeType()).orElse("");
            List<RtpCodecParameters> usable = new ArrayList<>();
            for (RtpCodecParameters codec : RtpParametersReader.codecs(section)) {
                RtpParameters probe = RtpParameters.builder().codecs(List.of(codec))
                        .encodings(List.of(RtpEncodingParameters.ofSsrc(1))).build();
                if (!codec.mimeType().toLowerCase().endsWith("/rtx") && ProducerRtpParameters.fit(probe, kind, roomCaps).isPresent()) {
                    usable.add(codec);
                }
            }
            usable.stream().filter(codec -> codec.mimeType().equalsIgnoreCase(sent)).findFirst()
                    .or(() -> usable.stream().findFirst())
                    .ifPresent(codec -> codecs.add(RtpCodecCapability.builder().kind(kind).mimeType(codec.mimeType())
                            .preferredPayloadType(codec.payloadType()).clockRate(codec.clockRate())
                            .channels(codec.channels()).parameters(codec.parameters()).rtcpFeedback(codec.rtcpFeedback())
                            .build()));
        }
        if (codecs.isEmpty()) {
            throw new WhipException(400, "the offer has no codec the room takes (Opus, VP8, VP9, H264)");
        }
        return codecs;
    }

    private CompletableFuture<Sdp> play(Room room, Router router, Sdp offer, List<MediaSection> wanted,
            List<Producer> producers, TransportDescription remote) {
        Producer[] chosen = new Producer[wanted.size()];
        List<String> used = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            MediaSection section = wanted.get(i);
            if (section == null) {
                continue;
            }
            Optional<Producer> producer = producers.stream()
                    .filter(p -> p.kind().value().equals(section.kind()) && !used.contains(p.id()))
                    .findFirst();
            if (producer.isPresent()) {
                chosen[i] = producer.get();
                used.add(producer.get().id());
            }
        }
        CompletableFuture<Void> piped = CompletableFuture.completedFuture(null);
        String[] pipedIds = new String[chosen.length];
        pipeProducers = new Producer[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] == null) {
                continue;
            }
            int index = i;
            piped = piped.thenCompose(nothing -> room.router().pipeToRouter(PipeToRouterOptions.builder()
                    .producerId(chosen[index].id()).router(router).keepId(false).build())
                    .thenAccept(result -> {
                        pipedIds[index] = result.pipeProducer().id();
                        pipeProducers[index] = result.pipeProducer();
                    }));
        }
        String answerSetup = remote.answerSetup();
        remoteUfrag = remote.iceUfrag();
        return piped.thenCompose(nothing -> router.createWebRtcTransport(WebRtcTransportOptions.builder()
                        .webRtcServer(room.mediaWorker().webRtcServer())
                        .enableUdp(true).enableTcp(true).preferUdp(true)
                        .build()))
                .thenCompose(transport -> {
                    this.transport = transport;
                    transportId = transport.id();
                    iceParameters = transport.iceParameters();
                    iceCandidates = transport.iceCandidates();
                    watch(transport);
                    return transport.connect(remote.dtlsParameters(answerSetup))
                            .thenCompose(nothing -> consumeAll(transport, router, wanted, pipedIds))
                            .thenApply(consumers -> {
                                this.consumers = consumers;
                                return consumers;
                            })
                            .thenApply(consumers -> answer(offer, wanted, consumers,
                                    TransportDescription.of(transport.iceParameters(), transport.iceCandidates(),
                                            transport.dtlsParameters(), answerSetup)));
                });
    }

    private CompletableFuture<Consumer[]> consumeAll(WebRtcTransport transport, Router router, List<MediaSection> wanted,
            String[] pipedIds) {
        Consumer[] consumers = new Consumer[wanted.size()];
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < wanted.size(); i++) {
            if (pipedIds[i] == null) {
                continue;
            }
            int index = i;
            chain = chain.thenCompose(nothing -> transport.consume(consumerOptions(router, pipedIds[index], index))
                    .thenAccept(consumer -> consumers[index] = consumer));
        }
        return chain.thenApply(nothing -> consumers);
    }

    private Sdp answer(Sdp offer, List<MediaSection> wanted, Consumer[] consumers, TransportDescription local) {
        List<MediaSection> sections = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection section = offer.media().get(i);
            if (wanted.get(i) == null || consumers[i] == null) {
                sections.add(MediaSectionWriter.rejected(section, local));
                continue;
            }
            RtpParameters params = consumers[i].rtpParameters().toBuilder()
                    .msid((followsSpeaker() ? "speaker" : targetPeerId) + " " + section.kind() + "-" + i).build();
            if (followsSpeaker()) {
                // No SSRC: the stream changes SSRC at each switch (see the class comment).
                params = params.toBuilder().encodings(List.of()).build();
            }
            sections.add(MediaSectionWriter.rtp(section.kind(), section.mid().orElseThrow(), "sendonly", params, local));
        }
        return SessionWriter.write(sections, local.iceLite());
    }

    /** The viewer's transport is not the room's: losing ICE or DTLS ends the session here. */
    private void watch(WebRtcTransport transport) {
        transport.on(WebRtcTransport.ICE_STATE_CHANGE, state -> {
            if (state == IceState.DISCONNECTED || state == IceState.CLOSED) {
                close();
            }
        });
        transport.on(WebRtcTransport.DTLS_STATE_CHANGE, state -> {
            if (state == DtlsState.FAILED || state == DtlsState.CLOSED) {
                close();
            }
        });
    }

    @Override
    CompletableFuture<String> dtlsState() {
        WebRtcTransport current = transport;
        return CompletableFuture.completedFuture(current == null ? null : current.dtlsState().value());
    }

    @Override
    CompletableFuture<org.mscluster.mediasoup.transport.IceParameters> restartIce() {
        WebRtcTransport current = transport;
        if (current == null) {
            return CompletableFuture.failedFuture(new WhipException(409, "no transport yet"));
        }
        return current.restartIce().thenApply(ice -> {
            iceParameters = ice;
            etag = "\"" + java.util.UUID.randomUUID() + "\"";
            return ice;
        });
    }

    private void closeRouter() {
        Router router = viewerRouter;
        if (router != null) {
            router.close();
        }
    }

    @Override
    void close() {
        closeRouter();
        super.close();
    }
}
