package org.mscluster.mediasoup.data;

import org.mscluster.mediasoup.sctp.SctpStreamParameters;

/**
 * What a data consumer is, fixed at creation; {@code sctpStreamParameters} is {@code null} for
 * direct ones.
 */
public record DataConsumerData(String dataProducerId, DataConsumerType type, SctpStreamParameters sctpStreamParameters,
        String label, String protocol, long bufferedAmountLowThreshold) {
}
