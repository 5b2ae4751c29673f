package org.mscluster.mediasoup.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What clients receive: the transport values serialize to the JSON mediasoup-client reads (Node's
 * names and string values, deprecated aliases included) and read back from what it sends.
 */
class TransportTypesJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void iceCandidateCarriesAddressAndItsIpAlias() throws Exception {
        JsonNode json = mapper.valueToTree(new IceCandidate("udpcandidate", 1076302079L, "9.9.9.1", TransportProtocol.UDP,
                40000, IceCandidateType.HOST, null));

        assertThat(json.toString()).isEqualTo(
                "{\"foundation\":\"udpcandidate\",\"priority\":1076302079,\"address\":\"9.9.9.1\",\"protocol\":\"udp\","
                        + "\"port\":40000,\"type\":\"host\",\"ip\":\"9.9.9.1\"}");
    }

    @Test
    void dtlsParametersRoundTripWithNodesNames() throws Exception {
        String json = "{\"role\":\"client\",\"fingerprints\":[{\"algorithm\":\"sha-256\",\"value\":\"AB:CD\"}]}";

        DtlsParameters parameters = mapper.readValue(json, DtlsParameters.class);

        assertThat(parameters).isEqualTo(new DtlsParameters(DtlsRole.CLIENT,
                List.of(new DtlsFingerprint(FingerprintAlgorithm.SHA256, "AB:CD"))));
        assertThat(mapper.writeValueAsString(parameters)).isEqualTo(json);
    }

    @Test
    void tupleCarriesTheDeprecatedLocalIpAndLeavesOutAnUnknownRemote() throws Exception {
        JsonNode json = mapper.valueToTree(new TransportTuple("127.0.0.1", 5000, null, null, TransportProtocol.TCP));

        assertThat(json.toString()).isEqualTo(
                "{\"localAddress\":\"127.0.0.1\",\"localPort\":5000,\"protocol\":\"tcp\",\"localIp\":\"127.0.0.1\"}");
    }

    @Test
    void iceParametersAndSrtpParametersUseNodesNames() throws Exception {
        assertThat(mapper.writeValueAsString(new IceParameters("ufrag", "pwd", true)))
                .isEqualTo("{\"usernameFragment\":\"ufrag\",\"password\":\"pwd\",\"iceLite\":true}");
        assertThat(mapper.readValue("{\"cryptoSuite\":\"AEAD_AES_256_GCM\",\"keyBase64\":\"a2V5\"}", SrtpParameters.class))
                .isEqualTo(new SrtpParameters(SrtpCryptoSuite.AEAD_AES_256_GCM, "a2V5"));
    }
}
