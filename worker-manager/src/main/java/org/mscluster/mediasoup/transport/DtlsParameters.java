package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * DTLS role and certificate fingerprints, local (given to the client) or remote (given to
 * {@code WebRtcTransport.connect}). A {@code null} role means {@code auto}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DtlsParameters(DtlsRole role, List<DtlsFingerprint> fingerprints) {

    public DtlsParameters {
        fingerprints = fingerprints == null ? null : List.copyOf(fingerprints);
    }

    public DtlsParameters withRole(DtlsRole value) {
        return new DtlsParameters(value, fingerprints);
    }
}
