package org.mscluster.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.DtlsFingerprint;
import org.mscluster.mediasoup.transport.DtlsParameters;
import org.mscluster.mediasoup.transport.DtlsRole;
import org.mscluster.mediasoup.transport.FingerprintAlgorithm;
import org.mscluster.mediasoup.transport.IceCandidate;
import org.mscluster.mediasoup.transport.IceCandidateTcpType;
import org.mscluster.mediasoup.transport.IceCandidateType;
import org.mscluster.mediasoup.transport.IceParameters;
import org.mscluster.mediasoup.transport.TransportProtocol;

class MediaSectionWriterTest {

    private static final TransportDescription SERVER = TransportDescription.of(
            new IceParameters("ufrag1", "pwd1", true),
            List.of(new IceCandidate("udpcandidate", 1076302079, "127.0.0.1", TransportProtocol.UDP, 40000,
                            IceCandidateType.HOST, null),
                    new IceCandidate("tcpcandidate", 1076276479, "127.0.0.1", TransportProtocol.TCP, 40000,
                            IceCandidateType.HOST, IceCandidateTcpType.PASSIVE)),
            new DtlsParameters(DtlsRole.AUTO, List.of(new DtlsFingerprint(FingerprintAlgorithm.SHA256, "AA:BB"))),
            "passive");

    @Test
    void answersAChromeSimulcastOfferThatParsesBack() {
        Sdp offer = SdpSamples.parse("chrome-simulcast-offer.sdp");
        MediaSection offered = offer.media().get(1);
        RtpParameters params = ProducerRtpParameters.fit(RtpParametersReader.read(offered), MediaKind.VIDEO,
                SdpSamples.routerCaps()).orElseThrow();

        MediaSection answer = MediaSectionWriter.rtp("video", "1", "recvonly", params, SERVER);
        MediaSectionWriter.receiveSimulcast(answer, offered.simulcast().orElseThrow().sendRids());
        MediaSection rejected = MediaSectionWriter.rejected(offer.media().get(0), SERVER);
        Sdp sdp = Sdp.parse(SessionWriter.write(List.of(rejected, answer), true).toString());

        assertThat(sdp.attribute("group")).contains("BUNDLE 1");
        assertThat(sdp.hasAttribute("ice-lite")).isTrue();
        assertThat(sdp.media().get(0).isRejected()).isTrue();
        // A rejected section still names the transport (webrtcbin wants a fingerprint in every section), without candidates.
        assertThat(TransportDescription.read(sdp, sdp.media().get(0)).fingerprints()).isNotEmpty();
        assertThat(sdp.media().get(0).candidates()).isEmpty();
        MediaSection video = sdp.media().get(1);
        assertThat(video.formats()).containsExactly("96", "97");
        assertThat(video.direction()).isEqualTo("recvonly");
        assertThat(video.simulcast().orElseThrow().recv()).containsExactly(List.of("q"), List.of("h"), List.of("f"));
        assertThat(video.rids()).extracting(Rid::direction).containsOnly("recv");
        assertThat(video.ssrcs()).isEmpty();
        assertThat(video.candidates()).extracting(Candidate::transport, Candidate::tcpType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("udp", null),
                        org.assertj.core.groups.Tuple.tuple("tcp", "passive"));
        assertThat(TransportDescription.read(sdp, video).setup()).isEqualTo("passive");
        assertThat(RtpParametersReader.read(video).codecs()).isEqualTo(params.codecs());
    }

    @Test
    void sendingSectionCarriesTheEncodingsSsrcs() {
        RtpParameters params = RtpParametersReader.read(SdpSamples.parse("chrome-offer.sdp").media().get(1)).toBuilder()
                .encodings(List.of(RtpEncodingParameters.builder().ssrc(5L).rtxSsrc(6L).build()))
                .build();

        MediaSection section = MediaSection.class.cast(
                Sdp.parse(SessionWriter.write(List.of(MediaSectionWriter.rtp("video", "v", "sendonly", params, SERVER)),
                        true).toString()).media().get(0));

        assertThat(RtpParametersReader.encodings(section)).containsExactly(params.encodings().get(0));
        assertThat(RtpParametersReader.read(section).msid()).isEqualTo(params.msid());
        assertThat(RtpParametersReader.read(section).rtcp().cname()).isEqualTo("7pO5H8pWbCJqLXfA");
    }

    @Test
    void dtlsRoleFollowsTheAnswerSetup() {
        TransportDescription client = TransportDescription.read(SdpSamples.parse("chrome-offer.sdp"),
                SdpSamples.parse("chrome-offer.sdp").media().get(0));
        TransportDescription ffmpeg = TransportDescription.read(SdpSamples.parse("ffmpeg-whip-offer.sdp"),
                SdpSamples.parse("ffmpeg-whip-offer.sdp").media().get(0));
        TransportDescription firefox = TransportDescription.read(SdpSamples.parse("firefox-offer.sdp"),
                SdpSamples.parse("firefox-offer.sdp").media().get(0));

        assertThat(client.answerSetup()).isEqualTo("passive");
        assertThat(client.dtlsParameters("passive").role()).isEqualTo(DtlsRole.CLIENT);
        assertThat(ffmpeg.answerSetup()).isEqualTo("active");
        assertThat(ffmpeg.dtlsParameters("active").role()).isEqualTo(DtlsRole.SERVER);
        assertThat(firefox.fingerprints()).hasSize(1);
    }
}
