package org.mscluster.mediasoup.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.mscluster.mediasoup.fbs.SctpParametersFbs;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;

/**
 * What the worker holds for a data producer ({@link DataProducer#dump()}); the produce-data
 * response has the same form, which is where a transport learns the producer's data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataProducerDump(String id, boolean paused, DataProducerType type,
        SctpStreamParameters sctpStreamParameters, String label, String protocol) {

    public static DataProducerDump fromFbs(FBS.DataProducer.DumpResponse fbs) {
        FBS.SctpParameters.SctpStreamParameters sctp = fbs.sctpStreamParameters();
        return new DataProducerDump(fbs.id(), fbs.paused(), DataProducerType.fromFbs(fbs.type()),
                sctp == null ? null : SctpParametersFbs.parseStreamParameters(sctp), fbs.label(), fbs.protocol());
    }
}
