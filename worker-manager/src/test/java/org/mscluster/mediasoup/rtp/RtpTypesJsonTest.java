package org.mscluster.mediasoup.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RTP types must read and write the JSON mediasoup-client sends and expects, field for field. */
class RtpTypesJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Producer parameters as mediasoup-client sends them for simulcast VP8. */
    private static final String PRODUCER_RTP_PARAMETERS = """
            {
              "mid": "0",
              "codecs": [
                {"mimeType": "video/VP8", "payloadType": 96, "clockRate": 90000, "parameters": {},
                 "rtcpFeedback": [{"type": "goog-remb", "parameter": ""}, {"type": "transport-cc", "parameter": ""},
                                  {"type": "ccm", "parameter": "fir"}, {"type": "nack", "parameter": ""},
                                  {"type": "nack", "parameter": "pli"}]},
                {"mimeType": "video/rtx", "payloadType": 97, "clockRate": 90000, "parameters": {"apt": 96},
                 "rtcpFeedback": []}
              ],
              "headerExtensions": [
                {"uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "id": 4, "encrypt": false, "parameters": {}},
                {"uri": "http://www.webrtc.org/experiments/rtp-hdrext/video-content-type", "id": 7,
                 "encrypt": false, "parameters": {}}
              ],
              "encodings": [
                {"active": true, "scaleResolutionDownBy": 4, "maxBitrate": 500000, "rid": "r0",
                 "scalabilityMode": "L1T3", "dtx": false},
                {"active": true, "scaleResolutionDownBy": 2, "maxBitrate": 1000000, "rid": "r1",
                 "scalabilityMode": "L1T3", "dtx": false},
                {"active": true, "scaleResolutionDownBy": 1, "maxBitrate": 5000000, "rid": "r2",
                 "scalabilityMode": "L1T3", "dtx": false}
              ],
              "rtcp": {"cname": "Cfv1yQBvhTXnXJWZ", "reducedSize": true},
              "msid": "b1b1 0c1c"
            }
            """;

    /** Device capabilities as mediasoup-client sends them, including fields mediasoup ignores. */
    private static final String DEVICE_RTP_CAPABILITIES = """
            {
              "codecs": [
                {"mimeType": "audio/opus", "kind": "audio", "preferredPayloadType": 100, "clockRate": 48000,
                 "channels": 2, "parameters": {"minptime": 10, "useinbandfec": 1},
                 "rtcpFeedback": [{"type": "transport-cc", "parameter": ""}]},
                {"mimeType": "video/H264", "kind": "video", "preferredPayloadType": 102, "clockRate": 90000,
                 "parameters": {"level-asymmetry-allowed": 1, "packetization-mode": 1, "profile-level-id": "42e01f"},
                 "rtcpFeedback": [{"type": "nack", "parameter": ""}, {"type": "nack", "parameter": "pli"}]}
              ],
              "headerExtensions": [
                {"kind": "audio", "uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "preferredId": 1,
                 "preferredEncrypt": false, "direction": "sendrecv"},
                {"kind": "video", "uri": "urn:3gpp:video-orientation", "preferredId": 8,
                 "preferredEncrypt": false, "direction": "sendrecv"}
              ]
            }
            """;

    @Test
    void producerParametersRoundTripAndUnknownFieldsAreDropped() throws Exception {
        RtpParameters parameters = MAPPER.readValue(PRODUCER_RTP_PARAMETERS, RtpParameters.class);

        assertThat(parameters.mid()).isEqualTo("0");
        assertThat(parameters.codecs().get(1).parameters()).containsEntry("apt", 96);
        assertThat(parameters.encodings().get(0).rid()).isEqualTo("r0");
        assertThat(parameters.encodings().get(0).scaleResolutionDownBy()).isEqualTo(4.0);
        assertThat(parameters.encodings().get(2).maxBitrate()).isEqualTo(5_000_000);
        assertThat(parameters.headerExtensions().get(1).uri())
                .isEqualTo("http://www.webrtc.org/experiments/rtp-hdrext/video-content-type");
        assertThat(parameters.rtcp()).isEqualTo(new RtcpParameters("Cfv1yQBvhTXnXJWZ", true));
        assertThat(parameters.msid()).isEqualTo("b1b1 0c1c");

        JsonNode expected = MAPPER.readTree(PRODUCER_RTP_PARAMETERS);
        for (JsonNode encoding : expected.get("encodings")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) encoding).remove("active");
        }
        // scaleResolutionDownBy is a Double and comes back as 4.0 for 4: the same JSON number.
        assertThat(reparse(parameters).equals(NUMERIC_VALUE, expected)).as("%s", reparse(parameters)).isTrue();
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(parameters), RtpParameters.class)).isEqualTo(parameters);
    }

    @Test
    void capabilitiesRoundTrip() throws Exception {
        RtpCapabilities capabilities = MAPPER.readValue(DEVICE_RTP_CAPABILITIES, RtpCapabilities.class);

        assertThat(capabilities.codecs().get(0).kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(capabilities.codecs().get(1).parameters())
                .containsExactly(Map.entry("level-asymmetry-allowed", 1), Map.entry("packetization-mode", 1),
                        Map.entry("profile-level-id", "42e01f"));
        assertThat(capabilities.headerExtensions().get(1).direction()).isEqualTo(RtpHeaderExtensionDirection.SENDRECV);
        assertThat(reparse(capabilities)).isEqualTo(MAPPER.readTree(DEVICE_RTP_CAPABILITIES));
    }

    @Test
    void absentFieldsAreLeftOut() throws Exception {
        assertThat(MAPPER.writeValueAsString(RtpEncodingParameters.ofSsrc(1234))).isEqualTo("{\"ssrc\":1234}");
        assertThat(MAPPER.writeValueAsString(RtcpFeedback.of("nack"))).isEqualTo("{\"type\":\"nack\"}");
        assertThat(MAPPER.writeValueAsString(RtpParameters.builder().codecs(List.of()).build()))
                .isEqualTo("{\"codecs\":[]}");
        assertThat(MAPPER.writeValueAsString(new RtpCapabilities(null, null))).isEqualTo("{}");
    }

    @Test
    void ssrcsAreUnsigned32Bit() throws Exception {
        RtpEncodingParameters encoding = MAPPER.readValue(
                "{\"ssrc\":4294967295,\"rtx\":{\"ssrc\":4294967294}}", RtpEncodingParameters.class);

        assertThat(encoding.ssrc()).isEqualTo(4_294_967_295L);
        assertThat(encoding.rtx().ssrc()).isEqualTo(4_294_967_294L);
        assertThat(MAPPER.writeValueAsString(encoding)).isEqualTo("{\"ssrc\":4294967295,\"rtx\":{\"ssrc\":4294967294}}");
    }

    @Test
    void codecParametersKeepStringsAndNumbers() throws Exception {
        RtpCodecParameters codec = MAPPER.readValue("""
                {"mimeType":"audio/opus","payloadType":111,"clockRate":48000,"channels":2,
                 "parameters":{"useinbandfec":1,"ptime":2.5,"sprop-stereo":"1"}}
                """, RtpCodecParameters.class);

        assertThat(codec.parameters()).containsEntry("useinbandfec", 1).containsEntry("ptime", 2.5)
                .containsEntry("sprop-stereo", "1");
        assertThat(MAPPER.writeValueAsString(codec.parameters()))
                .isEqualTo("{\"useinbandfec\":1,\"ptime\":2.5,\"sprop-stereo\":\"1\"}");
    }

    @Test
    void enumsUseMediasoupSpelling() throws Exception {
        assertThat(MAPPER.writeValueAsString(MediaKind.VIDEO)).isEqualTo("\"video\"");
        assertThat(MAPPER.writeValueAsString(RtpHeaderExtensionDirection.RECVONLY)).isEqualTo("\"recvonly\"");
        // An unknown kind is not a mapping failure: ortc reports it as mediasoup does.
        assertThat(MAPPER.readValue("{\"kind\":\"data\",\"uri\":\"x\",\"preferredId\":1}", RtpHeaderExtension.class)
                .kind()).isNull();
        assertThat(RtpHeaderExtensionUri.fromValue("urn:3gpp:video-orientation"))
                .contains(RtpHeaderExtensionUri.VIDEO_ORIENTATION);
        assertThat(RtpHeaderExtensionUri.fromValue("urn:unknown")).isEmpty();
    }

    @Test
    void recordsAreImmutable() {
        RtpCodecParameters codec = RtpCodecParameters.builder()
                .mimeType("video/VP8")
                .payloadType(96)
                .clockRate(90000)
                .parameters(new java.util.HashMap<>(Map.of("x", 1)))
                .build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.parameters().put("y", 2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static final java.util.Comparator<JsonNode> NUMERIC_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static JsonNode reparse(Object value) throws Exception {
        // Through text, so that numbers come back as the same node types as the parsed expectation.
        return MAPPER.readTree(MAPPER.writeValueAsString(value));
    }
}
