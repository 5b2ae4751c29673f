package org.mscluster.signaling.egress;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The SDP ffmpeg reads its input from: one m-line per {@link Track}, in order (ffmpeg's stream
 * {@code 0:i} is track {@code i}), each on its own port with RTCP on the next one, where the room's
 * PlainTransports send.
 */
public final class SdpFile {

    private SdpFile() {
    }

    public static String of(String ip, List<Track> tracks) {
        StringBuilder sdp = new StringBuilder();
        sdp.append("v=0\r\n");
        sdp.append("o=- 0 0 IN IP4 ").append(ip).append("\r\n");
        sdp.append("s=mscluster egress\r\n");
        sdp.append("c=IN IP4 ").append(ip).append("\r\n");
        sdp.append("t=0 0\r\n");
        for (Track track : tracks) {
            String codec = track.mimeType().substring(track.mimeType().indexOf('/') + 1);
            sdp.append("m=").append(track.kind()).append(' ').append(track.rtpPort()).append(" RTP/AVPF ")
                    .append(track.payloadType()).append("\r\n");
            sdp.append("a=rtcp:").append(track.rtpPort() + 1).append("\r\n");
            sdp.append("a=rtpmap:").append(track.payloadType()).append(' ').append(codec).append('/').append(track.clockRate());
            if (track.channels() != null && track.channels() > 1) {
                sdp.append('/').append(track.channels());
            }
            sdp.append("\r\n");
            if (!track.parameters().isEmpty()) {
                sdp.append("a=fmtp:").append(track.payloadType()).append(' ').append(fmtp(track.parameters())).append("\r\n");
            }
            sdp.append("a=recvonly\r\n");
        }
        return sdp.toString();
    }

    private static String fmtp(Map<String, Object> parameters) {
        return new TreeMap<>(parameters).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }
}
