package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mscluster.signaling.json.Json;

class EgressRequestTest {

    private static EgressRequest parse(String json) throws Exception {
        return EgressRequest.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void anRtmpEgressOfTheWholeRoom() throws Exception {
        EgressRequest request = parse("{\"type\":\"rtmp\",\"url\":\"rtmp://live.example.com/app/key\"}");
        assertThat(request.rtmp()).isTrue();
        assertThat(request.format()).isEqualTo("flv");
        assertThat(request.wholeRoom()).isTrue();
        assertThat(request.layout()).isEqualTo("grid");
    }

    @Test
    void aRecordingDefaultsToMkvInAFile() throws Exception {
        EgressRequest request = parse("{\"type\":\"record\",\"peer\":\"alice\",\"layout\":\"speaker\"}");
        assertThat(request.format()).isEqualTo("mkv");
        assertThat(request.storage()).isEqualTo("file");
        assertThat(request.peer()).isEqualTo("alice");
        assertThat(request.wholeRoom()).isFalse();
        assertThat(request.layout()).isEqualTo("speaker");
    }

    @Test
    void badBodiesSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> parse("{}")).hasMessageContaining("type is required");
        assertThatThrownBy(() -> parse("{\"type\":\"srt\"}")).hasMessageContaining("rtmp or record");
        assertThatThrownBy(() -> parse("{\"type\":\"rtmp\"}")).hasMessageContaining("needs a url");
        assertThatThrownBy(() -> parse("{\"type\":\"rtmp\",\"url\":\"http://x/app/key\"}")).hasMessageContaining("rtmp://");
        assertThatThrownBy(() -> parse("{\"type\":\"rtmp\",\"url\":\"rtmp://host\"}")).hasMessageContaining("rtmp://");
        assertThatThrownBy(() -> parse("{\"type\":\"record\",\"format\":\"avi\"}")).hasMessageContaining("mp4, mkv or webm");
        assertThatThrownBy(() -> parse("{\"type\":\"record\",\"storage\":\"ftp\"}")).hasMessageContaining("file or s3");
        assertThatThrownBy(() -> parse("{\"type\":\"record\",\"producers\":\"p1\"}")).hasMessageContaining("array");
        assertThatThrownBy(() -> parse("{\"type\":\"record\",\"producers\":[\"p1\"],\"peer\":\"a\"}"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> parse("{\"type\":\"record\",\"layout\":\"mosaic\"}")).hasMessageContaining("grid or speaker");
        assertThatThrownBy(() -> parse("{\"type\":7}")).hasMessageContaining("type must be a string");
    }
}
