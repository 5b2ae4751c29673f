package org.mscluster.mediasoup.sctp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Number of SCTP streams an endpoint offers: outgoing ({@code OS}) and maximum incoming
 * ({@code MIS}). Browsers announce 1024 each; an SCTP association allows up to 65535.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NumSctpStreams(@JsonProperty("OS") Integer os, @JsonProperty("MIS") Integer mis) {

    public static NumSctpStreams of(int os, int mis) {
        return new NumSctpStreams(os, mis);
    }
}
