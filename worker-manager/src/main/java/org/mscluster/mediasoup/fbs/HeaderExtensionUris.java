package org.mscluster.mediasoup.fbs;

import FBS.RtpParameters.RtpHeaderExtensionUri;
import org.mscluster.mediasoup.errors.TypeError;

/**
 * Header-extension URIs to and from the schema's {@code RtpHeaderExtensionUri} enum: the worker
 * only takes the extensions it implements, so an unknown URI is a {@link TypeError} here, before
 * any request is sent (Node's {@code rtpHeaderExtensionUriToFbs}).
 */
public final class HeaderExtensionUris {

    private static final String[] URIS = {
        "urn:ietf:params:rtp-hdrext:sdes:mid",
        "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
        "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
        "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
        "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
        "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension",
        "urn:3gpp:video-orientation",
        "urn:ietf:params:rtp-hdrext:toffset",
        "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time",
        "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
        "urn:mediasoup:params:rtp-hdrext:packet-id",
    };

    static {
        // The table above is indexed by the schema's enum values; fail loudly if they ever move.
        if (URIS.length != RtpHeaderExtensionUri.names.length
                || RtpHeaderExtensionUri.MediasoupPacketId != URIS.length - 1
                || RtpHeaderExtensionUri.TimeOffset != 8) {
            throw new ExceptionInInitializerError("FBS.RtpParameters.RtpHeaderExtensionUri changed");
        }
    }

    private HeaderExtensionUris() {
    }

    public static int toFbs(String uri) {
        for (int i = 0; i < URIS.length; i++) {
            if (URIS[i].equals(uri)) {
                return i;
            }
        }
        throw new TypeError("invalid RtpHeaderExtensionUri: " + uri);
    }

    public static String fromFbs(int uri) {
        if (uri < 0 || uri >= URIS.length) {
            throw new TypeError("invalid FBS RtpHeaderExtensionUri: " + uri);
        }
        return URIS[uri];
    }
}
