package org.mscluster.signaling.egress;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;

/**
 * One producer of the room on its way to ffmpeg: a PlainTransport of the room's router (no comedia, RTCP
 * apart, connected to the ports ffmpeg will listen on) and a consumer on it, created paused so nothing is
 * sent before ffmpeg listens. RTCP from ffmpeg (receiver reports, PLI/FIR) reaches the consumer, and the
 * worker turns a PLI or FIR into a key frame request to the producer.
 */
final class RtpInput {

    static final String LOOPBACK = "127.0.0.1";

    final PlainTransport transport;
    final Consumer consumer;
    final Track track;

    private RtpInput(PlainTransport transport, Consumer consumer, Track track) {
        this.transport = transport;
        this.consumer = consumer;
        this.track = track;
    }

    /** Creates the transport and the paused consumer of {@code producerId}; closes what it made when that fails. */
    static CompletableFuture<RtpInput> create(Router router, String peerId, String producerId, String egressId) {
        int port = UdpPorts.freePair();
        return router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp(LOOPBACK))
                .rtcpListenInfo(ListenInfo.udp(LOOPBACK))
                .rtcpMux(false)
                .comedia(false)
                .appData(Map.of("egressId", egressId))
                .build()).thenCompose(transport -> transport.connect(PlainTransport.ConnectParams.of(LOOPBACK, port, port + 1))
                        .thenCompose(connected -> transport.consume(ConsumerOptions.builder()
                                .producerId(producerId)
                                .rtpCapabilities(receiverCapabilities(router.rtpCapabilities()))
                                .paused(true)
                                .enableRtx(false)
                                .appData(Map.of("egressId", egressId))
                                .build()))
                        .thenApply(consumer -> {
                            RtpCodecParameters codec = consumer.rtpParameters().codecs().get(0);
                            return new RtpInput(transport, consumer, new Track(peerId, producerId, consumer.kind().value(),
                                    codec.mimeType(), codec.payloadType(), codec.clockRate(), codec.channels(),
                                    codec.parameters(), port));
                        })
                        .whenComplete((input, error) -> {
                            if (error != null) {
                                transport.close();
                            }
                        }));
    }

    /**
     * What ffmpeg receives: the router's codecs with NACK, PLI and FIR only, and no header extension. Without
     * transport-cc, abs-send-time or REMB the worker runs no bandwidth estimation on the transport, so it
     * sends no probation packets (padding on SSRC 1234, payload type 127), which ffmpeg would take for
     * packets of the stream, and it does not lower a simulcast consumer's layer for a receiver that gives
     * no feedback.
     */
    static RtpCapabilities receiverCapabilities(RtpCapabilities router) {
        List<RtpCodecCapability> codecs = router.codecs().stream().map(codec -> codec.withRtcpFeedback(
                codec.rtcpFeedback() == null ? List.of() : codec.rtcpFeedback().stream()
                        .filter(fb -> fb.type().equals("nack") || fb.type().equals("ccm")).toList())).toList();
        return new RtpCapabilities(codecs, List.of());
    }

    /** ffmpeg listens: let the media flow, and ask for a key frame so a video starts at once. */
    CompletableFuture<Void> start() {
        return consumer.resume().thenCompose(resumed -> keyFrame());
    }

    CompletableFuture<Void> keyFrame() {
        if (!track.video() || consumer.closed()) {
            return CompletableFuture.completedFuture(null);
        }
        return consumer.requestKeyFrame().exceptionally(error -> null);
    }

    void close() {
        transport.close();
    }
}
