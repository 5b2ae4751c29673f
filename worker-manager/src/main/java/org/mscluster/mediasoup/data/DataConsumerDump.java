package org.mscluster.mediasoup.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.mscluster.mediasoup.fbs.FbsVectors;
import org.mscluster.mediasoup.fbs.SctpParametersFbs;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;

/**
 * What the worker holds for a data consumer ({@link DataConsumer#dump()}); the consume-data
 * response has the same form, which is where a transport learns the consumer's data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataConsumerDump(
        String id,
        boolean paused,
        boolean dataProducerPaused,
        List<Integer> subchannels,
        String dataProducerId,
        DataConsumerType type,
        SctpStreamParameters sctpStreamParameters,
        String label,
        String protocol,
        long bufferedAmount,
        long bufferedAmountLowThreshold) {

    public static DataConsumerDump fromFbs(FBS.DataConsumer.DumpResponse fbs) {
        FBS.SctpParameters.SctpStreamParameters sctp = fbs.sctpStreamParameters();
        return new DataConsumerDump(fbs.id(), fbs.paused(), fbs.dataProducerPaused(),
                FbsVectors.ints(fbs.subchannelsLength(), fbs::subchannels), fbs.dataProducerId(),
                DataConsumerType.fromFbs(fbs.type()),
                sctp == null ? null : SctpParametersFbs.parseStreamParameters(sctp), fbs.label(), fbs.protocol(),
                fbs.bufferedAmount(), fbs.bufferedAmountLowThreshold());
    }
}
