package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A header extension in RTP capabilities. {@code uri} is a string so that extensions mediasoup does
 * not know still parse; {@link RtpHeaderExtensionUri} names those it does. {@code direction} only
 * means something in mediasoup's own capabilities.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpHeaderExtension(
        MediaKind kind,
        String uri,
        Integer preferredId,
        Boolean preferredEncrypt,
        RtpHeaderExtensionDirection direction) {

    public RtpHeaderExtension(MediaKind kind, RtpHeaderExtensionUri uri, int preferredId,
            RtpHeaderExtensionDirection direction) {
        this(kind, uri.value(), preferredId, false, direction);
    }
}
