package org.mscluster.mediasoup.fbs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.flatbuffers.FlatBufferBuilder;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.sctp.SctpParameters;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;

class SctpParametersFbsTest {

    private static SctpStreamParameters roundTrip(SctpStreamParameters parameters) {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        builder.finish(SctpParametersFbs.serializeStreamParameters(builder, parameters));
        return SctpParametersFbs.parseStreamParameters(
                FBS.SctpParameters.SctpStreamParameters.getRootAsSctpStreamParameters(builder.dataBuffer()));
    }

    @Test
    void streamParametersKeepFalseAndZeroValues() {
        // flatc's own add methods would drop ordered=false and a zero limit: the worker would read "absent".
        assertThat(roundTrip(new SctpStreamParameters(0, false, 0, null)))
                .isEqualTo(new SctpStreamParameters(0, false, 0, null));
        assertThat(roundTrip(new SctpStreamParameters(12345, false, null, 65535)))
                .isEqualTo(new SctpStreamParameters(12345, false, null, 65535));
        assertThat(roundTrip(SctpStreamParameters.reliable(666)))
                .isEqualTo(new SctpStreamParameters(666, true, null, null));
    }

    @Test
    void absentOrderedReadsFalseAsInNode() {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        builder.finish(SctpParametersFbs.serializeStreamParameters(builder, new SctpStreamParameters(1, null, null, null)));
        FBS.SctpParameters.SctpStreamParameters fbs =
                FBS.SctpParameters.SctpStreamParameters.getRootAsSctpStreamParameters(builder.dataBuffer());
        assertThat(fbs.hasOrdered()).isFalse();
        assertThat(SctpParametersFbs.parseStreamParameters(fbs).ordered()).isFalse();
    }

    @Test
    void transportSctpParametersGetTheLegacyFields() {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        builder.finish(FBS.SctpParameters.SctpParameters.createSctpParameters(builder, 5000, 262144, 262145, 262146,
                4096, 262147, true));
        SctpParameters parsed = SctpParametersFbs.parse(
                FBS.SctpParameters.SctpParameters.getRootAsSctpParameters(builder.dataBuffer()));
        assertThat(parsed).isEqualTo(SctpParameters.builder().port(5000).maxSendMessageSize(262144)
                .maxReceiveMessageSize(262145).sendBufferSize(262146).perStreamSendQueueLimit(4096)
                .maxReceiverWindowBufferSize(262147).isDataChannel(true)
                .os(65535).mis(65535).maxMessageSize(262145).build());
    }
}
