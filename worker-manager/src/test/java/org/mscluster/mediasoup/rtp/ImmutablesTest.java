package org.mscluster.mediasoup.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records' copies: taken once, unmodifiable, in order, with nulls kept, equal to ordinary lists and maps. */
class ImmutablesTest {

    @Test
    void aListIsCopiedOnceAndCannotChange() {
        List<RtcpFeedback> given = new ArrayList<>(Arrays.asList(RtcpFeedback.of("nack"), null, RtcpFeedback.of("ccm", "fir")));

        List<RtcpFeedback> copy = Immutables.list(given);
        given.clear();

        assertThat(copy).containsExactly(RtcpFeedback.of("nack"), null, RtcpFeedback.of("ccm", "fir"));
        assertThat(copy).isEqualTo(Arrays.asList(RtcpFeedback.of("nack"), null, RtcpFeedback.of("ccm", "fir")));
        assertThat(copy.hashCode()).isEqualTo(Arrays.asList(RtcpFeedback.of("nack"), null, RtcpFeedback.of("ccm", "fir")).hashCode());
        assertThat(Immutables.list(copy)).isSameAs(copy);
        assertThat(Immutables.<String>list(null)).isNull();
        assertThatThrownBy(() -> copy.add(RtcpFeedback.of("x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.set(0, RtcpFeedback.of("x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(copy).isUnmodifiable();
        assertThat(copy.subList(0, 2)).isUnmodifiable();
        assertThatThrownBy(() -> copy.listIterator().set(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(copy).hasSize(3);
    }

    @Test
    void aMapIsCopiedOnceInOrderAndCannotChange() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("profile-level-id", "42e01f");
        given.put("packetization-mode", 1);
        given.put("level-asymmetry-allowed", 1);

        Map<String, Object> copy = Immutables.map(given);
        given.put("packetization-mode", 0);
        given.remove("profile-level-id");

        assertThat(copy).containsExactly(Map.entry("profile-level-id", "42e01f"), Map.entry("packetization-mode", 1),
                Map.entry("level-asymmetry-allowed", 1));
        assertThat(copy.get("packetization-mode")).isEqualTo(1);
        assertThat(copy.get("apt")).isNull();
        assertThat(copy.containsKey("level-asymmetry-allowed")).isTrue();
        assertThat(copy).isEqualTo(Map.of("profile-level-id", "42e01f", "packetization-mode", 1, "level-asymmetry-allowed", 1));
        assertThat(copy.hashCode()).isEqualTo(Map.of("profile-level-id", "42e01f", "packetization-mode", 1,
                "level-asymmetry-allowed", 1).hashCode());
        assertThat(Immutables.map(copy)).isSameAs(copy);
        assertThat(Immutables.map(Map.of())).isEmpty();
        assertThat(Immutables.<Object>map(null)).isNull();
        assertThatThrownBy(() -> copy.put("apt", 96)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.remove("packetization-mode")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(2)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(copy).isUnmodifiable();
        assertThat(copy.keySet()).isUnmodifiable();
        assertThat(copy.values()).isUnmodifiable();
        assertThat(copy.entrySet()).isUnmodifiable();
        assertThat(copy).hasSize(3);
    }

    @Test
    void recordsDerivedFromRecordsShareTheirCopies() {
        RtpCodecParameters codec = RtpCodecParameters.builder().mimeType("video/VP8").payloadType(96).clockRate(90000)
                .parameters(new LinkedHashMap<>(Map.of("x-google-start-bitrate", 1000)))
                .rtcpFeedback(new ArrayList<>(List.of(RtcpFeedback.of("nack")))).build();

        RtpCodecParameters derived = codec.withRtcpFeedback(codec.rtcpFeedback()).toBuilder().payloadType(97).build();

        assertThat(derived.parameters()).isSameAs(codec.parameters());
        assertThat(derived.rtcpFeedback()).isSameAs(codec.rtcpFeedback());
    }
}
