package org.mscluster.mediasoup.fbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionUri;
import org.mscluster.mediasoup.rtp.RtpParameters;

class RtpParametersFbsTest {

    private static RtpParameters roundTrip(RtpParameters parameters) {
        FlatBufferBuilder builder = new FlatBufferBuilder(256);
        builder.finish(RtpParametersFbs.serialize(builder, parameters));
        return RtpParametersFbs.parse(FBS.RtpParameters.RtpParameters.getRootAsRtpParameters(builder.dataBuffer()));
    }

    private static RtpParameters videoParameters() {
        Map<String, Object> h264 = new LinkedHashMap<>();
        h264.put("packetization-mode", 1);
        h264.put("profile-level-id", "4d0032");
        h264.put("x-google-start-bitrate", 1.5);
        h264.put("flag", true);
        h264.put("list", List.of(1, 2, 3));
        return RtpParameters.builder()
                .mid("VIDEO")
                .codecs(List.of(
                        RtpCodecParameters.builder().mimeType("video/H264").payloadType(112).clockRate(90000)
                                .parameters(h264)
                                .rtcpFeedback(List.of(RtcpFeedback.of("nack", ""), RtcpFeedback.of("nack", "pli"),
                                        RtcpFeedback.of("goog-remb")))
                                .build(),
                        RtpCodecParameters.builder().mimeType("video/rtx").payloadType(113).clockRate(90000)
                                .parameters(Map.of("apt", 112)).build()))
                .headerExtensions(List.of(
                        RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.MID, 10),
                        new RtpHeaderExtensionParameters(RtpHeaderExtensionUri.VIDEO_ORIENTATION.value(), 13, true,
                                Map.of("foo", "bar"))))
                .encodings(List.of(
                        RtpEncodingParameters.builder().ssrc(22222222L).rtxSsrc(22222223L).scalabilityMode("L1T3")
                                .maxBitrate(111111).dtx(true).build(),
                        RtpEncodingParameters.builder().rid("r1").codecPayloadType(112).build(),
                        RtpEncodingParameters.builder().ssrc(4294967295L).maxBitrate(0).build()))
                .rtcp(new RtcpParameters("video-1", true))
                .msid("stream track")
                .build();
    }

    @Test
    void rtpParametersSurviveARoundTrip() {
        RtpParameters parsed = roundTrip(videoParameters());
        RtpParameters expected = videoParameters();

        assertThat(parsed.mid()).isEqualTo("VIDEO");
        assertThat(parsed.msid()).isEqualTo("stream track");
        assertThat(parsed.rtcp()).isEqualTo(new RtcpParameters("video-1", true));
        assertThat(parsed.codecs()).hasSize(2);
        RtpCodecParameters h264 = parsed.codecs().get(0);
        assertThat(h264.mimeType()).isEqualTo("video/H264");
        assertThat(h264.payloadType()).isEqualTo(112);
        assertThat(h264.clockRate()).isEqualTo(90000);
        assertThat(h264.channels()).isNull();
        assertThat(h264.parameters()).containsExactlyEntriesOf(expected.codecs().get(0).parameters());
        assertThat(h264.rtcpFeedback()).containsExactly(
                RtcpFeedback.of("nack", ""), RtcpFeedback.of("nack", "pli"), RtcpFeedback.of("goog-remb", null));
        assertThat(parsed.codecs().get(1).parameters()).containsExactly(Map.entry("apt", 112));
        assertThat(parsed.headerExtensions()).containsExactly(
                new RtpHeaderExtensionParameters(RtpHeaderExtensionUri.MID.value(), 10, false, Map.of()),
                new RtpHeaderExtensionParameters(RtpHeaderExtensionUri.VIDEO_ORIENTATION.value(), 13, true,
                        Map.of("foo", "bar")));
        // dtx always reads back (false when not sent), as in Node.
        assertThat(parsed.encodings()).containsExactly(
                RtpEncodingParameters.builder().ssrc(22222222L).rtxSsrc(22222223L).scalabilityMode("L1T3")
                        .maxBitrate(111111).dtx(true).build(),
                RtpEncodingParameters.builder().rid("r1").codecPayloadType(112).dtx(false).build(),
                RtpEncodingParameters.builder().ssrc(4294967295L).maxBitrate(0).dtx(false).build());
    }

    @Test
    void audioChannelsAndMissingOptionalsRoundTrip() {
        RtpParameters parameters = RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").payloadType(100).clockRate(48000)
                        .channels(2).parameters(Map.of("useinbandfec", 1, "foo", "222.222")).build()))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(11111111L)))
                .build();
        RtpParameters parsed = roundTrip(parameters);

        assertThat(parsed.mid()).isNull();
        assertThat(parsed.msid()).isNull();
        assertThat(parsed.headerExtensions()).isEmpty();
        // No rtcp given: sent as reduced size without cname, as Node's "rtcp ?? { reducedSize: true }".
        assertThat(parsed.rtcp()).isEqualTo(new RtcpParameters(null, true));
        assertThat(parsed.codecs().get(0).channels()).isEqualTo(2);
        assertThat(parsed.codecs().get(0).parameters()).containsEntry("useinbandfec", 1).containsEntry("foo", "222.222");
        assertThat(parsed.codecs().get(0).rtcpFeedback()).isEmpty();
    }

    @Test
    void unknownHeaderExtensionUriIsATypeError() {
        RtpParameters parameters = RtpParameters.builder()
                .codecs(List.of())
                .headerExtensions(List.of(RtpHeaderExtensionParameters.of("urn:unknown", 1)))
                .build();
        assertThatThrownBy(() -> roundTrip(parameters))
                .isInstanceOf(TypeError.class)
                .hasMessageContaining("invalid RtpHeaderExtensionUri");
    }

    @Test
    void everyKnownHeaderExtensionUriMapsBothWays() {
        for (RtpHeaderExtensionUri uri : RtpHeaderExtensionUri.values()) {
            assertThat(HeaderExtensionUris.fromFbs(HeaderExtensionUris.toFbs(uri.value()))).isEqualTo(uri.value());
        }
    }

    @Test
    void unsupportedParameterValueIsATypeError() {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        assertThatThrownBy(() -> ParametersFbs.serialize(builder, Map.of("bad", new Object())))
                .isInstanceOf(TypeError.class)
                .hasMessageContaining("invalid parameter type [key:'bad'");
    }

    @Test
    void wholeDoublesTravelAsIntegers() {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int[] offsets = ParametersFbs.serialize(builder, Map.of("a", 2.0));
        int vector = FBS.RtpParameters.RtpCodecParameters.createParametersVector(builder, offsets);
        int mime = builder.createString("audio/opus");
        FBS.RtpParameters.RtpCodecParameters.startRtpCodecParameters(builder);
        FBS.RtpParameters.RtpCodecParameters.addMimeType(builder, mime);
        FBS.RtpParameters.RtpCodecParameters.addParameters(builder, vector);
        builder.finish(FBS.RtpParameters.RtpCodecParameters.endRtpCodecParameters(builder));
        FBS.RtpParameters.RtpCodecParameters codec =
                FBS.RtpParameters.RtpCodecParameters.getRootAsRtpCodecParameters(builder.dataBuffer());
        assertThat(codec.parameters(0).valueType()).isEqualTo(FBS.RtpParameters.Value.Integer32);
        assertThat(ParametersFbs.parse(codec.parametersLength(), codec::parameters)).containsExactly(Map.entry("a", 2));
    }
}
