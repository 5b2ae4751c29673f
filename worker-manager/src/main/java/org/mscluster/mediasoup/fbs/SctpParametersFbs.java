package org.mscluster.mediasoup.fbs;

import com.google.flatbuffers.FlatBufferBuilder;
import org.mscluster.mediasoup.sctp.SctpParameters;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;

/** SCTP data to and from the schema, as Node's {@code sctpParametersFbsUtils}. */
public final class SctpParametersFbs {

    // Field indexes of FBS.SctpParameters.SctpStreamParameters; all but stream_id are optional scalars.
    private static final int ORDERED = 1;
    private static final int MAX_PACKET_LIFE_TIME = 2;
    private static final int MAX_RETRANSMITS = 3;

    private SctpParametersFbs() {
    }

    /** A transport's SCTP parameters, with the compatibility fields Node adds ({@code OS}, {@code MIS}, …). */
    public static SctpParameters parse(FBS.SctpParameters.SctpParameters data) {
        return SctpParameters.builder()
                .port(data.port())
                .maxSendMessageSize((int) data.maxSendMessageSize())
                .maxReceiveMessageSize((int) data.maxReceiveMessageSize())
                .sendBufferSize((int) data.sendBufferSize())
                .perStreamSendQueueLimit((int) data.perStreamSendQueueLimit())
                .maxReceiverWindowBufferSize((int) data.maxReceiverWindowBufferSize())
                .isDataChannel(data.isDataChannel())
                .withLegacyFields()
                .build();
    }

    public static int serializeStreamParameters(FlatBufferBuilder builder, SctpStreamParameters parameters) {
        FBS.SctpParameters.SctpStreamParameters.startSctpStreamParameters(builder);
        FBS.SctpParameters.SctpStreamParameters.addStreamId(builder,
                parameters.streamId() == null ? 0 : parameters.streamId());
        OptionalFields.addBool(builder, ORDERED, parameters.ordered());
        OptionalFields.addShort(builder, MAX_PACKET_LIFE_TIME, parameters.maxPacketLifeTime());
        OptionalFields.addShort(builder, MAX_RETRANSMITS, parameters.maxRetransmits());
        return FBS.SctpParameters.SctpStreamParameters.endSctpStreamParameters(builder);
    }

    /**
     * As Node: {@code ordered} reads {@code false} when absent, the two limits {@code null}.
     */
    public static SctpStreamParameters parseStreamParameters(FBS.SctpParameters.SctpStreamParameters data) {
        return new SctpStreamParameters(
                data.streamId(),
                data.ordered(),
                data.hasMaxPacketLifeTime() ? data.maxPacketLifeTime() : null,
                data.hasMaxRetransmits() ? data.maxRetransmits() : null);
    }
}
