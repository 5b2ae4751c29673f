package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtension;

/**
 * The RTP capabilities an SDP announces (mediasoup-client's {@code extractRtpCapabilities}): every
 * codec of every audio and video section under its payload type as {@code preferredPayloadType},
 * and every header extension under its id. The first section of a kind wins on duplicate payload
 * types or URIs.
 */
public final class RtpCapabilitiesReader {

    private RtpCapabilitiesReader() {
    }

    public static RtpCapabilities read(Sdp sdp) {
        return read(sdp.media());
    }

    public static RtpCapabilities read(List<MediaSection> sections) {
        List<RtpCodecCapability> codecs = new ArrayList<>();
        List<RtpHeaderExtension> headerExtensions = new ArrayList<>();
        for (MediaSection section : sections) {
            MediaKind kind = MediaKind.fromValue(section.kind());
            if (kind == null || !section.isRtp() || section.isRejected()) {
                continue;
            }
            for (RtpCodecParameters codec : RtpParametersReader.codecs(section)) {
                boolean known = codecs.stream()
                        .anyMatch(c -> c.kind() == kind && c.preferredPayloadType().equals(codec.payloadType()));
                if (!known) {
                    codecs.add(RtpCodecCapability.builder()
                            .kind(kind)
                            .mimeType(codec.mimeType())
                            .preferredPayloadType(codec.payloadType())
                            .clockRate(codec.clockRate())
                            .channels(codec.channels())
                            .parameters(codec.parameters())
                            .rtcpFeedback(codec.rtcpFeedback())
                            .build());
                }
            }
            for (Extmap extmap : section.extmaps()) {
                boolean known = headerExtensions.stream()
                        .anyMatch(e -> e.kind() == kind && e.uri().equals(extmap.uri()));
                if (!known) {
                    headerExtensions.add(new RtpHeaderExtension(kind, extmap.uri(), extmap.id(), false, null));
                }
            }
        }
        return new RtpCapabilities(codecs, headerExtensions);
    }
}
