package org.mscluster.mediasoup.rtp;

import java.util.Optional;

/**
 * The RTP header extension URIs mediasoup knows ({@code RtpHeaderExtensionUri} in TypeScript).
 *
 * <p>Header extensions carry their URI as a plain string, not as this enum: endpoints announce
 * extensions mediasoup does not know, and those must still parse and simply fail to match.
 */
public enum RtpHeaderExtensionUri {
    MID("urn:ietf:params:rtp-hdrext:sdes:mid"),
    RTP_STREAM_ID("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"),
    REPAIRED_RTP_STREAM_ID("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"),
    ABS_SEND_TIME("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
    TRANSPORT_WIDE_CC_01("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
    SSRC_AUDIO_LEVEL("urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
    DEPENDENCY_DESCRIPTOR("https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension"),
    VIDEO_ORIENTATION("urn:3gpp:video-orientation"),
    ABS_CAPTURE_TIME("http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time"),
    TOFFSET("urn:ietf:params:rtp-hdrext:toffset"),
    PLAYOUT_DELAY("http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"),
    MEDIASOUP_PACKET_ID("urn:mediasoup:params:rtp-hdrext:packet-id");

    private final String value;

    RtpHeaderExtensionUri(String value) {
        this.value = value;
    }

    /** The URI as it appears in JSON and SDP. */
    public String value() {
        return value;
    }

    public static Optional<RtpHeaderExtensionUri> fromValue(String value) {
        for (RtpHeaderExtensionUri uri : values()) {
            if (uri.value.equals(value)) {
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
