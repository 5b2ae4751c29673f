package org.mscluster.mediasoup.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SctpTypesJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void sctpParametersUseMediasoupFieldNames() throws Exception {
        SctpParameters parameters = SctpParameters.builder()
                .port(5000)
                .maxSendMessageSize(262144)
                .maxReceiveMessageSize(262144)
                .sendBufferSize(262144)
                .perStreamSendQueueLimit(131072)
                .maxReceiverWindowBufferSize(5242880)
                .isDataChannel(true)
                .withLegacyFields()
                .build();

        String json = MAPPER.writeValueAsString(parameters);

        assertThat(MAPPER.readTree(json)).isEqualTo(MAPPER.readTree("""
                {"port": 5000, "maxSendMessageSize": 262144, "maxReceiveMessageSize": 262144,
                 "sendBufferSize": 262144, "perStreamSendQueueLimit": 131072,
                 "maxReceiverWindowBufferSize": 5242880, "isDataChannel": true,
                 "OS": 65535, "MIS": 65535, "maxMessageSize": 262144}
                """));
        assertThat(MAPPER.readValue(json, SctpParameters.class)).isEqualTo(parameters);
    }

    @Test
    void sctpCapabilitiesAsMediasoupClientSendsThem() throws Exception {
        String json = "{\"numStreams\":{\"OS\":1024,\"MIS\":1024}}";

        SctpCapabilities capabilities = MAPPER.readValue(json, SctpCapabilities.class);

        assertThat(capabilities).isEqualTo(new SctpCapabilities(NumSctpStreams.of(1024, 1024)));
        assertThat(MAPPER.writeValueAsString(capabilities)).isEqualTo(json);
    }

    @Test
    void sctpStreamParametersRoundTripAndIgnoreClientOnlyFields() throws Exception {
        SctpStreamParameters parameters = MAPPER.readValue(
                "{\"streamId\":3,\"ordered\":false,\"maxRetransmits\":2,\"label\":\"chat\",\"protocol\":\"\"}",
                SctpStreamParameters.class);

        assertThat(parameters).isEqualTo(new SctpStreamParameters(3, false, null, 2));
        assertThat(MAPPER.writeValueAsString(parameters)).isEqualTo("{\"streamId\":3,\"ordered\":false,\"maxRetransmits\":2}");
        assertThat(MAPPER.writeValueAsString(new SctpNegotiatedCapabilities(1024, 1024)))
                .isEqualTo("{\"negotiatedMaxOutboundStreams\":1024,\"negotiatedMaxInboundStreams\":1024}");
    }
}
