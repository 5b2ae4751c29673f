package org.mscluster.client.handler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.sdp.MediaSection;
import org.mscluster.sdp.ProducerRtpParameters;
import org.mscluster.sdp.RtpParametersReader;

/**
 * The shared SDP module's conversions (typed mediasoup RTP parameters) for a client that speaks protoo
 * JSON: a local sending m-section read and fitted to the router with mediasoup's own codec matching.
 */
final class RtpJson {
    /** The protoo JSON shape of worker-manager's records, as the node reads it. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RtpJson() {
    }

    /**
     * The RTP parameters to produce a local sending section with: its first media codec the router takes
     * (and that codec's RTX), the header extensions the router receives, its SSRCs and CNAME.
     */
    static ObjectNode sendParameters(MediaSection section, JsonNode routerCapabilities) {
        RtpCapabilities caps = MAPPER.convertValue(routerCapabilities, RtpCapabilities.class);
        RtpParameters offered = RtpParametersReader.read(section);
        RtpParameters fitted = ProducerRtpParameters.fit(offered, MediaKind.fromValue(section.kind()), caps)
                .orElseThrow(() -> new IllegalStateException("no " + section.kind() + " codec in common with the router"));
        return MAPPER.valueToTree(fitted);
    }
}
