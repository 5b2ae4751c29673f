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

/**
 * A WHEP viewer of one peer ({@code ?peer=ID}): a peer of the room (joined over protoo without
 * capabilities, so the room offers it nothing), whose media comes from a router of its own on the
 * room's worker. That router is created with the offer's payload types, and the watched peer's
 * producers are piped into it: its consumers then send exactly the payload types the player
 * offered, which a player only decoding its own numbers (Chromium) needs, and which the room's
 * router, shared by every peer, cannot give. Each receiving section gets the peer's first producer
 * of its kind; RTX and header extensions are left out (their numbers are the worker's own).
 */
final class WhepPlayer extends Session {

    private final String targetPeerId;
    private final RoomRegistry rooms;
    private volatile Router viewerRouter;
    private volatile WebRtcTransport transport;

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
        if (targetPeerId == null || targetPeerId.isEmpty()) {
            throw new WhipException(400, "?peer=ID is required: the active-speaker stream is not available");
        }
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
        return client.request("join", Map.of(
                        "displayName", "WHEP viewer of " + targetPeerId,
                        "device", Map.of("flag", "whep", "name", "WHEP", "version", "draft"),
                        "rtpCapabilities", emptyCaps()))
                .thenCompose(joined -> {
                    Room room = rooms.find(this.room).orElseThrow(() -> new WhipException(503, "the room is gone"));
                    return room.producersOf(targetPeerId).thenCompose(producers -> {
                        if (producers.isEmpty()) {
                            throw new WhipException(404, "peer '" + targetPeerId + "' sends nothing in this room");
                        }
                        List<RtpCodecCapability> codecs = viewerCodecs(wanted, room.router().rtpCapabilities(), producers);
                        return room.mediaWorker().worker().createRouter(RouterOptions.of(codecs))
                                .thenCompose(router -> {
                                    viewerRouter = router;
                                    if (client.closeFuture().isDone()) {
                                        closeRouter();
                                    }
                                    return play(room, router, offer, wanted, producers, remote);
                                });
                    });
                });
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
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] == null) {
                continue;
            }
            int index = i;
            piped = piped.thenCompose(nothing -> room.router().pipeToRouter(PipeToRouterOptions.builder()
                    .producerId(chosen[index].id()).router(router).keepId(false).build())
                    .thenAccept(result -> pipedIds[index] = result.pipeProducer().id()));
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
                            .thenApply(consumers -> answer(offer, wanted, consumers,
                                    TransportDescription.of(transport.iceParameters(), transport.iceCandidates(),
                                            transport.dtlsParameters(), answerSetup)));
                });
    }

    private CompletableFuture<Consumer[]> consumeAll(WebRtcTransport transport, Router router, List<MediaSection> wanted,
            String[] pipedIds) {
        RtpCapabilities caps = new RtpCapabilities(router.rtpCapabilities().codecs().stream()
                .filter(codec -> !codec.mimeType().toLowerCase().endsWith("/rtx")).toList(), List.of());
        Consumer[] consumers = new Consumer[wanted.size()];
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < wanted.size(); i++) {
            if (pipedIds[i] == null) {
                continue;
            }
            int index = i;
            chain = chain.thenCompose(nothing -> transport.consume(ConsumerOptions.builder()
                    .producerId(pipedIds[index]).rtpCapabilities(caps).enableRtx(false)
                    .mid(wanted.get(index).mid().orElseThrow()).build())
                    .thenAccept(consumer -> consumers[index] = consumer));
        }
        return chain.thenApply(nothing -> consumers);
    }

    private Sdp answer(Sdp offer, List<MediaSection> wanted, Consumer[] consumers, TransportDescription local) {
        List<MediaSection> sections = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection section = offer.media().get(i);
            if (wanted.get(i) == null || consumers[i] == null) {
                sections.add(MediaSectionWriter.rejected(section));
                continue;
            }
            RtpParameters params = consumers[i].rtpParameters().toBuilder()
                    .msid(targetPeerId + " " + section.kind() + "-" + i).build();
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
