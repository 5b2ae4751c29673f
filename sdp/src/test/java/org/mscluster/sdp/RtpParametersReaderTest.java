package org.mscluster.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;

class RtpParametersReaderTest {

    @Test
    void chromeVideoWithRtx() {
        MediaSection video = SdpSamples.parse("chrome-offer.sdp").media().get(1);

        RtpParameters params = RtpParametersReader.read(video);

        assertThat(params.mid()).isEqualTo("1");
        assertThat(params.codecs()).hasSize(25);
        RtpCodecParameters vp8 = params.codecs().get(0);
        assertThat(vp8.mimeType()).isEqualTo("video/VP8");
        assertThat(vp8.channels()).isNull();
        assertThat(vp8.rtcpFeedback()).extracting(fb -> fb.type() + "/" + fb.parameter())
                .containsExactly("goog-remb/null", "transport-cc/null", "ccm/fir", "nack/null", "nack/pli");
        assertThat(params.codecs().get(1).parameters()).containsEntry("apt", 96);
        assertThat(params.encodings()).containsExactly(
                RtpEncodingParameters.builder().ssrc(1434620154L).rtxSsrc(2963366214L).build());
        assertThat(params.rtcp().cname()).isEqualTo("7pO5H8pWbCJqLXfA");
        assertThat(params.rtcp().reducedSize()).isTrue();
        assertThat(params.msid()).isEqualTo(
                "5d2d3f7e-2b0c-4b4e-9bcf-1c8c0a1f7a10 9f7c3f0e-4b8e-4b52-8d1d-2f5e9b0f6a77");
    }

    @Test
    void chromeSimulcastGivesOneEncodingPerRid() {
        MediaSection video = SdpSamples.parse("chrome-simulcast-offer.sdp").media().get(1);

        assertThat(RtpParametersReader.read(video).encodings()).extracting(RtpEncodingParameters::rid)
                .containsExactly("q", "h", "f");
    }

    @Test
    void ssrcSimulcastGroupGivesTheOrderAndRtxPairs() {
        MediaSection video = Sdp.parse("""
                v=0
                s=-
                m=video 9 UDP/TLS/RTP/SAVPF 96 97
                a=rtpmap:96 VP8/90000
                a=rtpmap:97 rtx/90000
                a=fmtp:97 apt=96
                a=ssrc-group:SIM 3 1 2
                a=ssrc-group:FID 1 11
                a=ssrc-group:FID 2 12
                a=ssrc-group:FID 3 13
                a=ssrc:1 cname:c
                a=ssrc:11 cname:c
                a=ssrc:2 cname:c
                a=ssrc:12 cname:c
                a=ssrc:3 cname:c
                a=ssrc:13 cname:c
                """).media().get(0);

        assertThat(RtpParametersReader.encodings(video)).containsExactly(
                RtpEncodingParameters.builder().ssrc(3L).rtxSsrc(13L).build(),
                RtpEncodingParameters.builder().ssrc(1L).rtxSsrc(11L).build(),
                RtpEncodingParameters.builder().ssrc(2L).rtxSsrc(12L).build());
    }

    @Test
    void firefoxAudioHasChannelsAndNoReducedSize() {
        RtpParameters audio = RtpParametersReader.read(SdpSamples.parse("firefox-offer.sdp").media().get(0));

        assertThat(audio.codecs().get(0).mimeType()).isEqualTo("audio/opus");
        assertThat(audio.codecs().get(0).channels()).isEqualTo(2);
        assertThat(audio.codecs().get(1).channels()).isEqualTo(1);
        assertThat(audio.rtcp().reducedSize()).isFalse();
        assertThat(audio.encodings()).containsExactly(RtpEncodingParameters.ofSsrc(2716836524L));
    }

    @Test
    void fitsChromeVideoToTheRouterAsMediasoupClientDoes() {
        RtpParameters offered = RtpParametersReader.read(SdpSamples.parse("chrome-offer.sdp").media().get(1));

        RtpParameters fitted = ProducerRtpParameters.fit(offered, MediaKind.VIDEO, SdpSamples.routerCaps()).orElseThrow();

        assertThat(fitted.codecs()).extracting(RtpCodecParameters::payloadType).containsExactly(96, 97);
        assertThat(fitted.headerExtensions()).extracting(RtpHeaderExtensionParameters::uri)
                .contains("urn:ietf:params:rtp-hdrext:sdes:mid", "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id")
                .doesNotContain("http://www.webrtc.org/experiments/rtp-hdrext/video-timing");
        // What Producer creation does with it: no exception.
        Ortc.getProducerRtpParametersMapping(Ortc.validateAndNormalizeRtpParameters(fitted), SdpSamples.routerCaps());
    }

    @Test
    void fitsGstreamerH264ConstrainedBaselineAndOpus() {
        Sdp sdp = SdpSamples.parse("gstreamer-webrtcbin-offer.sdp");

        RtpParameters video = ProducerRtpParameters.fit(RtpParametersReader.read(sdp.media().get(0)), MediaKind.VIDEO,
                SdpSamples.routerCaps()).orElseThrow();
        RtpParameters audio = ProducerRtpParameters.fit(RtpParametersReader.read(sdp.media().get(1)), MediaKind.AUDIO,
                SdpSamples.routerCaps()).orElseThrow();

        assertThat(video.codecs()).extracting(RtpCodecParameters::mimeType).containsExactly("video/H264");
        assertThat(video.mid()).isEqualTo("video0");
        assertThat(audio.codecs()).extracting(RtpCodecParameters::mimeType).containsExactly("audio/OPUS");
        assertThat(audio.encodings()).containsExactly(RtpEncodingParameters.ofSsrc(3484078952L));
    }

    @Test
    void fitsFfmpegWhipOffer() {
        Sdp sdp = SdpSamples.parse("ffmpeg-whip-offer.sdp");

        assertThat(ProducerRtpParameters.fit(RtpParametersReader.read(sdp.media().get(1)), MediaKind.VIDEO,
                SdpSamples.routerCaps())).isPresent();
    }

    @Test
    void nothingFitsWhenTheRouterLacksTheCodec() {
        RtpParameters offered = RtpParametersReader.read(Sdp.parse("""
                v=0
                s=-
                m=video 9 UDP/TLS/RTP/SAVPF 45
                a=rtpmap:45 AV1/90000
                a=ssrc:1 cname:c
                """).media().get(0));

        assertThat(ProducerRtpParameters.fit(offered, MediaKind.VIDEO, SdpSamples.routerCaps())).isEmpty();
        assertThat(ProducerRtpParameters.fit(offered.withEncodings(List.of()), MediaKind.VIDEO, SdpSamples.routerCaps()))
                .isEmpty();
        // Parameters built by hand, without header extensions: a codec probe.
        RtpParameters probe = RtpParameters.builder().codecs(List.of(RtpParametersReader.read(
                SdpSamples.parse("chrome-offer.sdp").media().get(1)).codecs().get(0)))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(1))).build();
        assertThat(ProducerRtpParameters.fit(probe, MediaKind.VIDEO, SdpSamples.routerCaps())).isPresent();
    }
}
