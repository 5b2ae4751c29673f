package org.mscluster.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.ProtooError;

class RequestDataTest {

    private static RequestData data(Object value) {
        return new RequestData(Json.tree(value));
    }

    @Test
    void missingOrWronglyTypedFieldsAre400sNamingTheField() {
        assertThatThrownBy(() -> data(Map.of()).text("transportId"))
                .isInstanceOfSatisfying(ProtooError.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).contains("transportId");
                });
        assertThatThrownBy(() -> data(Map.of("transportId", 5)).text("transportId")).isInstanceOf(ProtooError.class);
        assertThatThrownBy(() -> data(Map.of("priority", "high")).integer("priority")).isInstanceOf(ProtooError.class);
        assertThatThrownBy(() -> data(Map.of("rtpParameters", Map.of("codecs", "nope"))).as("rtpParameters", RtpParameters.class))
                .isInstanceOfSatisfying(ProtooError.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> data(Map.of("kind", "smell")).as("kind", MediaKind.class)).isInstanceOf(ProtooError.class);
    }

    @Test
    void mapsRecordsAndAppData() {
        RequestData data = data(Map.of("kind", "video", "appData", Map.of("source", "webcam"),
                "rtpParameters", Map.of("codecs", List.of(), "encodings", List.of())));
        assertThat(data.as("kind", MediaKind.class)).isEqualTo(MediaKind.VIDEO);
        assertThat(data.map("appData")).containsEntry("source", "webcam");
        assertThat(data.map("missing")).isEmpty();
        assertThat(data.as("rtpParameters", RtpParameters.class).codecs()).isEmpty();
    }

    @Test
    void nonObjectDataIsTreatedAsEmpty() {
        assertThat(new RequestData(Json.tree(List.of(1, 2))).flag("forceTcp")).isFalse();
    }
}
