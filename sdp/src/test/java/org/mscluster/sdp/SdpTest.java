package org.mscluster.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SdpTest {

    @ParameterizedTest
    @ValueSource(strings = {"chrome-offer.sdp", "chrome-simulcast-offer.sdp", "firefox-offer.sdp",
            "gstreamer-webrtcbin-offer.sdp", "ffmpeg-whip-offer.sdp"})
    void writesBackEveryLineItRead(String name) {
        String text = SdpSamples.text(name);

        Sdp sdp = Sdp.parse(text);

        assertThat(sdp.toString()).isEqualTo(text.replace("\n", "\r\n"));
        assertThat(Sdp.parse(sdp.toString()).toString()).isEqualTo(sdp.toString());
    }

    @Test
    void aBundleOnlySectionWithPortZeroIsWantedAndARejectedOneIsNot() {
        Sdp sdp = Sdp.parse("v=0\r\no=- 1 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE video0 audio1\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:video0\r\n"
                + "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\na=bundle-only\r\na=mid:audio1\r\n"
                + "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\na=mid:audio2\r\n");

        assertThat(sdp.media()).extracting(MediaSection::isRejected).containsExactly(false, false, true);
    }

    @Test
    void readsMediaSectionsAndTheirAttributes() {
        Sdp sdp = SdpSamples.parse("chrome-offer.sdp");

        assertThat(sdp.attribute("group")).contains("BUNDLE 0 1");
        assertThat(sdp.media()).extracting(MediaSection::kind).containsExactly("audio", "video");
        MediaSection video = sdp.mediaByMid("1").orElseThrow();
        assertThat(video.direction()).isEqualTo("sendonly");
        assertThat(video.formats()).startsWith("96", "97", "102");
        assertThat(video.rtpmaps().get(0)).isEqualTo(new Rtpmap(96, "VP8", 90000, null));
        assertThat(video.extmaps()).contains(new Extmap(10, null, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", null));
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", java.util.List.of(1434620154L, 2963366214L)));
        assertThat(sdp.media().get(0).candidates().get(0).address()).isEqualTo("192.168.1.10");
        assertThat(sdp.media().get(0).candidates().get(0).extensions()).containsEntry("network-id", "1");
    }

    @Test
    void fmtpIntegersBecomeNumbersAsInSdpTransform() {
        Fmtp fmtp = Fmtp.parse("102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f");

        assertThat(fmtp.parameters()).containsEntry("packetization-mode", 1).containsEntry("profile-level-id", "42001f");
        assertThat(Fmtp.parse("101 0-15").parameters()).containsEntry("", "0-15");
        assertThat(fmtp.toString()).isEqualTo("102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f");
    }

    @Test
    void simulcastDropsPausedMarksAndKeepsAlternatives() {
        Simulcast simulcast = Simulcast.parse("send q;~h;f,g recv x");

        assertThat(simulcast.sendRids()).containsExactly("q", "h", "f");
        assertThat(simulcast.recv()).containsExactly(java.util.List.of("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "v=0\r\nm=video\r\n", "x\r\n", "v=1\r\ns=-\r\n",
            "v=0\r\nm=video nine UDP/TLS/RTP/SAVPF 96\r\n"})
    void rejectsWhatIsNotAnSdp(String text) {
        assertThatThrownBy(() -> Sdp.parse(text)).isInstanceOf(SdpParseException.class);
    }

    @Test
    void rejectsMalformedAttributesWhenRead() {
        Sdp sdp = Sdp.parse("v=0\r\ns=-\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:x VP8/90000\r\na=candidate:1 1 udp\r\n");

        assertThatThrownBy(() -> sdp.media().get(0).rtpmaps()).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> sdp.media().get(0).candidates()).isInstanceOf(SdpParseException.class);
    }
}
