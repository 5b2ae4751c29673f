package org.mscluster.client.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.sdp.Sdp;

/** The handler's SDP ↔ mediasoup RTP parameters conversions (the shared module's and the remote side's), on a libwebrtc-like offer. */
class HandlerSdpTest {

    private static final String OFFER = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "a=fingerprint:sha-256 AA:BB:CC",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 35",
            "a=mid:0", "a=sendonly",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:9 urn:example:unknown",
            "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 goog-remb", "a=rtcp-fb:96 transport-cc", "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 ccm fir", "a=rtcp-fb:96 unknown-fb",
            "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96",
            "a=rtpmap:98 VP9/90000", "a=fmtp:98 profile-id=0",
            "a=rtpmap:99 rtx/90000", "a=fmtp:99 apt=98",
            "a=rtpmap:35 AV1/90000",
            "a=ssrc-group:FID 1111 2222", "a=ssrc:1111 cname:abc", "a=ssrc:2222 cname:abc", "");

    private static JsonNode routerCapabilities() throws Exception {
        return LocalRtp.JSON.readTree("""
                {"codecs":[
                  {"kind":"audio","mimeType":"audio/opus","preferredPayloadType":100,"clockRate":48000,"channels":2,"parameters":{},"rtcpFeedback":[{"type":"transport-cc","parameter":""}]},
                  {"kind":"video","mimeType":"video/VP8","preferredPayloadType":101,"clockRate":90000,"parameters":{},
                   "rtcpFeedback":[{"type":"nack","parameter":""},{"type":"nack","parameter":"pli"},{"type":"ccm","parameter":"fir"},{"type":"goog-remb","parameter":""},{"type":"transport-cc","parameter":""}]},
                  {"kind":"video","mimeType":"video/rtx","preferredPayloadType":102,"clockRate":90000,"parameters":{"apt":101},"rtcpFeedback":[]}],
                 "headerExtensions":[
                  {"kind":"video","uri":"urn:ietf:params:rtp-hdrext:sdes:mid","preferredId":1,"direction":"sendrecv"},
                  {"kind":"video","uri":"http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01","preferredId":5,"direction":"sendrecv"}]}
                """);
    }

    @Test
    void sendParametersKeepTheFirstCodecTheRouterSupportsItsRtxAndTheKnownExtensions() throws Exception {
        ObjectNode rtp = RtpJson.sendParameters(Sdp.parse(OFFER).media().get(0), routerCapabilities());

        assertThat(rtp.path("mid").asText()).isEqualTo("0");
        assertThat(rtp.path("codecs").findValuesAsText("mimeType")).containsExactly("video/VP8", "video/rtx");
        assertThat(rtp.path("codecs").path(0).path("payloadType").asInt()).isEqualTo(96);
        assertThat(rtp.path("codecs").path(1).path("parameters").path("apt").asInt()).isEqualTo(96);
        assertThat(rtp.path("headerExtensions").findValuesAsText("uri")).containsExactly("urn:ietf:params:rtp-hdrext:sdes:mid",
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
        assertThat(rtp.path("headerExtensions").path(0).path("id").asInt()).isEqualTo(4);
        assertThat(rtp.path("encodings").path(0).path("ssrc").asLong()).isEqualTo(1111);
        assertThat(rtp.path("encodings").path(0).path("rtx").path("ssrc").asLong()).isEqualTo(2222);
        assertThat(rtp.path("rtcp").path("cname").asText()).isEqualTo("abc");
    }

    @Test
    void anOfferWithoutACodecOfTheRoutersIsRefused() throws Exception {
        var section = Sdp.parse(OFFER.replace("VP8/90000", "H265/90000")).media().get(0);
        assertThatThrownBy(() -> RtpJson.sendParameters(section, routerCapabilities())).hasMessageContaining("no video codec in common");
    }

    @Test
    void theRemoteAnswerMirrorsTheSendParametersAndTheTransport() throws Exception {
        ObjectNode rtp = RtpJson.sendParameters(Sdp.parse(OFFER).media().get(0), routerCapabilities());
        RemoteSdp remote = new RemoteSdp(transport());
        remote.answerMedia("0", "video", rtp);
        String answer = remote.toSdp(false);

        assertThat(answer).contains("a=ice-lite", "a=fingerprint:sha-256 11:22:33", "a=group:BUNDLE 0",
                "m=video 7 UDP/TLS/RTP/SAVPF 96 97", "a=ice-ufrag:uf", "a=ice-pwd:pw",
                "a=candidate:udpcandidate 1 udp 1076302079 127.0.0.1 44444 typ host", "a=setup:passive", "a=mid:0",
                "a=recvonly", "a=rtpmap:96 VP8/90000", "a=fmtp:97 apt=96", "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid");
        assertThat(answer).doesNotContain("VP9", "urn:example:unknown");
        // What webrtc-java reads back as the answer's media section.
        SdpSection parsed = SdpSection.parse(answer, null).get(0);
        assertThat(LocalRtp.codecs(parsed).keySet()).containsExactly(96, 97);
    }

    @Test
    void aConsumerIsOfferedWithItsMidSsrcsAndRtxGroupAndClosedAsInactive() throws Exception {
        JsonNode consumer = LocalRtp.JSON.readTree("""
                {"mid":"3","codecs":[{"mimeType":"audio/opus","payloadType":100,"clockRate":48000,"channels":2,"parameters":{"useinbandfec":1},"rtcpFeedback":[]}],
                 "headerExtensions":[{"uri":"urn:ietf:params:rtp-hdrext:ssrc-audio-level","id":10}],
                 "encodings":[{"ssrc":5555}],"rtcp":{"cname":"peer-cname"}}
                """);
        RemoteSdp remote = new RemoteSdp(transport());
        remote.offerMedia("3", "audio", consumer, "alice-stream", "consumer-1");
        String offer = remote.toSdp(true);
        assertThat(offer).contains("m=audio 7 UDP/TLS/RTP/SAVPF 100", "a=rtpmap:100 opus/48000/2", "a=fmtp:100 useinbandfec=1",
                "a=setup:actpass", "a=sendonly", "a=msid:alice-stream consumer-1", "a=ssrc:5555 cname:peer-cname",
                "a=extmap:10 urn:ietf:params:rtp-hdrext:ssrc-audio-level");

        remote.application("datachannel");
        remote.close("3");
        List<SdpSection> sections = SdpSection.parse(remote.toSdp(true), null);
        // The first m-section stays the bundle tag: inactive, but not rejected with port 0.
        assertThat(sections.get(0).mLine).startsWith("m=audio 7 ");
        assertThat(sections.get(0).attributes("inactive")).hasSize(1);
        assertThat(sections.get(1).mLine).isEqualTo("m=application 7 UDP/DTLS/SCTP webrtc-datachannel");
        assertThat(sections.get(1).attribute("sctp-port")).isEqualTo("5000");
    }

    @Test
    void theLocalDtlsParametersAreTheOffersFingerprintAsClient() {
        ObjectNode dtls = Negotiation.localDtlsParameters(OFFER);
        assertThat(dtls.path("role").asText()).isEqualTo("client");
        assertThat(dtls.path("fingerprints").path(0).path("algorithm").asText()).isEqualTo("sha-256");
        assertThat(dtls.path("fingerprints").path(0).path("value").asText()).isEqualTo("AA:BB:CC");
    }

    private static JsonNode transport() throws Exception {
        return LocalRtp.JSON.readTree("""
                {"id":"t1","iceParameters":{"usernameFragment":"uf","password":"pw","iceLite":true},
                 "iceCandidates":[{"foundation":"udpcandidate","priority":1076302079,"address":"127.0.0.1","protocol":"udp","port":44444,"type":"host"}],
                 "dtlsParameters":{"role":"auto","fingerprints":[{"algorithm":"sha-512","value":"FF"},{"algorithm":"sha-256","value":"11:22:33"}]},
                 "sctpParameters":{"port":5000,"OS":1024,"MIS":1024,"maxMessageSize":262144}}
                """);
    }
}
