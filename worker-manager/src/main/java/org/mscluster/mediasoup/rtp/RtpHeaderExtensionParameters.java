package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A header extension in use in RTP parameters, with the id that goes in the packets. mediasoup
 * supports neither encrypted extensions nor extension parameters, but carries both through.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpHeaderExtensionParameters(
        String uri,
        Integer id,
        Boolean encrypt,
        Map<String, Object> parameters) {

    public RtpHeaderExtensionParameters {
        parameters = Immutables.map(parameters);
    }

    /** An extension with only its URI and id, as endpoints usually give it. */
    public static RtpHeaderExtensionParameters of(String uri, int id) {
        return new RtpHeaderExtensionParameters(uri, id, null, null);
    }

    public static RtpHeaderExtensionParameters of(RtpHeaderExtensionUri uri, int id) {
        return of(uri.value(), id);
    }
}
