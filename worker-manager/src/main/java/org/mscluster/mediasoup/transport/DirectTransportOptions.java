package org.mscluster.mediasoup.transport;

import java.util.Map;
import org.mscluster.mediasoup.router.Router;

/** Options of {@link Router#createDirectTransport}, with mediasoup's defaults. */
public record DirectTransportOptions(
        int maxSendMessageSize,
        int maxReceiveMessageSize,
        Map<String, Object> appData) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxSendMessageSize = maxSendMessageSize;
        builder.maxReceiveMessageSize = maxReceiveMessageSize;
        builder.appData = appData;
        return builder;
    }

    public static final class Builder {
        private int maxSendMessageSize = 262_144;
        private int maxReceiveMessageSize = 262_144;
        private Map<String, Object> appData;

        private Builder() {
        }

        public Builder maxSendMessageSize(int value) {
            maxSendMessageSize = value;
            return this;
        }

        public Builder maxReceiveMessageSize(int value) {
            maxReceiveMessageSize = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public DirectTransportOptions build() {
            return new DirectTransportOptions(maxSendMessageSize, maxReceiveMessageSize, appData);
        }
    }
}
