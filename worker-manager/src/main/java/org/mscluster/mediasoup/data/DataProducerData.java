package org.mscluster.mediasoup.data;

import org.mscluster.mediasoup.sctp.SctpStreamParameters;

/** What a data producer is, fixed at creation; {@code sctpStreamParameters} is {@code null} for direct ones. */
public record DataProducerData(DataProducerType type, SctpStreamParameters sctpStreamParameters, String label,
        String protocol) {
}
