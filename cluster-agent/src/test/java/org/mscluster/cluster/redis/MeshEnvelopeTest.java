package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeshEnvelopeTest {

    @Test
    void everyKindComesBackAsItWent() {
        String body = "{\"a\":[1,\"two\"]}\n\"quoted\" \\ \u00e9 \ud83c\udfa5";
        for (MeshEnvelope e : new MeshEnvelope[] {MeshEnvelope.message("n1", body), MeshEnvelope.request("n1", "id-1", body),
                MeshEnvelope.answer("n2", "id-1", body), MeshEnvelope.failure("n2", "id-1", "worker gone"),
                MeshEnvelope.message("n1", ""), MeshEnvelope.answer("n2", "id-2", null)}) {
            assertThat(MeshEnvelope.decode(e.encode())).isEqualTo(e);
        }
    }

    @Test
    void theWireFormatIsASmallJsonObject() {
        assertThat(MeshEnvelope.request("n1", "c7", "hi").encode())
                .isEqualTo("{\"kind\":\"request\",\"from\":\"n1\",\"id\":\"c7\",\"body\":\"hi\"}");
        assertThat(MeshEnvelope.message("n1", "hi").encode()).isEqualTo("{\"kind\":\"message\",\"from\":\"n1\",\"body\":\"hi\"}");
    }

    @Test
    void whatIsNotAnEnvelopeIsRejected() {
        for (String garbage : new String[] {"{not json", "[]", "\"text\"", "{\"kind\":\"explode\",\"from\":\"n1\"}",
                "{\"kind\":\"message\"}", "{\"kind\":\"answer\",\"from\":\"n1\",\"body\":\"no id\"}"}) {
            assertThatThrownBy(() -> MeshEnvelope.decode(garbage)).as(garbage).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
