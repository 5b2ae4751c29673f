package org.mscluster.mediasoup.data;

import java.util.List;
import java.util.Map;

/**
 * Options of {@code transport.consumeData()}: which data producer; on SCTP transports, reliability
 * overrides ({@code null}: as the data producer's stream); whether it starts paused, and the
 * subchannels it subscribes to.
 */
public record DataConsumerOptions(
        String dataProducerId,
        Boolean ordered,
        Integer maxPacketLifeTime,
        Integer maxRetransmits,
        boolean paused,
        List<Integer> subchannels,
        Map<String, Object> appData) {

    public static DataConsumerOptions of(String dataProducerId) {
        return builder().dataProducerId(dataProducerId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().dataProducerId(dataProducerId).ordered(ordered).maxPacketLifeTime(maxPacketLifeTime)
                .maxRetransmits(maxRetransmits).paused(paused).subchannels(subchannels).appData(appData);
    }

    public static final class Builder {
        private String dataProducerId;
        private Boolean ordered;
        private Integer maxPacketLifeTime;
        private Integer maxRetransmits;
        private boolean paused;
        private List<Integer> subchannels;
        private Map<String, Object> appData;

        private Builder() {
        }

        public Builder dataProducerId(String value) {
            dataProducerId = value;
            return this;
        }

        public Builder ordered(Boolean value) {
            ordered = value;
            return this;
        }

        public Builder maxPacketLifeTime(Integer value) {
            maxPacketLifeTime = value;
            return this;
        }

        public Builder maxRetransmits(Integer value) {
            maxRetransmits = value;
            return this;
        }

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        public Builder subchannels(List<Integer> value) {
            subchannels = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public DataConsumerOptions build() {
            return new DataConsumerOptions(dataProducerId, ordered, maxPacketLifeTime, maxRetransmits, paused,
                    subchannels, appData);
        }
    }
}
