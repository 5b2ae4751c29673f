package org.mscluster.cli.mediabench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;

/**
 * Where a {@link ClipPlayer} sends: a PlainTransport on 127.0.0.1 (comedia, rtcpMux) of a router, with an
 * opus and a VP8 producer of the clip's SSRCs and payload types.
 */
record ClipProducers(PlainTransport transport, Producer audio, Producer video) {

    static ClipProducers create(Router router) throws Exception {
        PlainTransport transport = router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1")).rtcpMux(true).comedia(true).build()).get(10, TimeUnit.SECONDS);
        try {
            Producer audio = transport.produce(ProducerOptions.of(MediaKind.AUDIO, parameters("audio/opus",
                    RtpClip.AUDIO_PAYLOAD_TYPE, 48000, 2, RtpClip.AUDIO_SSRC))).get(10, TimeUnit.SECONDS);
            Producer video = transport.produce(ProducerOptions.of(MediaKind.VIDEO, parameters("video/VP8",
                    RtpClip.VIDEO_PAYLOAD_TYPE, 90000, null, RtpClip.VIDEO_SSRC))).get(10, TimeUnit.SECONDS);
            return new ClipProducers(transport, audio, video);
        } catch (Exception e) {
            transport.close();
            throw e;
        }
    }

    int port() {
        return transport.tuple().localPort();
    }

    private static RtpParameters parameters(String mimeType, int payloadType, int clockRate, Integer channels, long ssrc) {
        return RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType(mimeType).payloadType(payloadType).clockRate(clockRate)
                        .channels(channels).build()))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(ssrc)))
                .rtcp(new RtcpParameters("bench-media", true))
                .build();
    }
}
