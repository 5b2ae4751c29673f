package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdpFileTest {

    @Test
    void oneMediaSectionPerTrackWithItsPortsAndCodec() {
        String sdp = SdpFile.of("127.0.0.1", List.of(
                new Track("a", "p1", "audio", "audio/opus", 100, 48000, 2, Map.of("useinbandfec", 1, "minptime", 10), 20000),
                new Track("a", "p2", "video", "video/H264", 102, 90000, null,
                        Map.of("packetization-mode", 1, "profile-level-id", "42e01f"), 20002)));
        assertThat(sdp).startsWith("v=0\r\n").contains("c=IN IP4 127.0.0.1\r\n")
                .contains("m=audio 20000 RTP/AVPF 100\r\na=rtcp:20001\r\na=rtpmap:100 opus/48000/2\r\n"
                        + "a=fmtp:100 minptime=10;useinbandfec=1\r\na=recvonly\r\n")
                .contains("m=video 20002 RTP/AVPF 102\r\na=rtcp:20003\r\na=rtpmap:102 H264/90000\r\n"
                        + "a=fmtp:102 packetization-mode=1;profile-level-id=42e01f\r\n");
    }
}
