package org.mscluster.mediasoup.ortc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.ortc.H264ProfileLevelId.Profile;
import org.mscluster.mediasoup.ortc.H264ProfileLevelId.ProfileLevel;

/** The cases of the {@code h264-profile-level-id} package's own tests that ortc relies on. */
class H264ProfileLevelIdTest {

    @Test
    void parsesLevels() {
        assertThat(H264ProfileLevelId.parse("42e01f").level()).isEqualTo(31);
        assertThat(H264ProfileLevelId.parse("42e00b").level()).isEqualTo(11);
        assertThat(H264ProfileLevelId.parse("42f00b").level()).isEqualTo(H264ProfileLevelId.LEVEL_1B);
        assertThat(H264ProfileLevelId.parse("42C02A").level()).isEqualTo(42);
        assertThat(H264ProfileLevelId.parse("640c34").level()).isEqualTo(52);
    }

    @Test
    void parsesProfiles() {
        assertThat(H264ProfileLevelId.parse("42e01f").profile()).isEqualTo(Profile.CONSTRAINED_BASELINE);
        assertThat(H264ProfileLevelId.parse("42C02A").profile()).isEqualTo(Profile.CONSTRAINED_BASELINE);
        assertThat(H264ProfileLevelId.parse("4de01f").profile()).isEqualTo(Profile.CONSTRAINED_BASELINE);
        assertThat(H264ProfileLevelId.parse("58f01f").profile()).isEqualTo(Profile.CONSTRAINED_BASELINE);
        assertThat(H264ProfileLevelId.parse("42a01f").profile()).isEqualTo(Profile.BASELINE);
        assertThat(H264ProfileLevelId.parse("58A01F").profile()).isEqualTo(Profile.BASELINE);
        assertThat(H264ProfileLevelId.parse("4D401f").profile()).isEqualTo(Profile.MAIN);
        assertThat(H264ProfileLevelId.parse("64001f").profile()).isEqualTo(Profile.HIGH);
        assertThat(H264ProfileLevelId.parse("640c1f").profile()).isEqualTo(Profile.CONSTRAINED_HIGH);
    }

    @Test
    void rejectsInvalidValues() {
        for (Object invalid : new Object[] {null, "", " 42e01f", "4242e01f", "e01f", "gggggg",
                "42e000", "42e00f", "42e0ff", "42e11f", "58601f", "64e01f", 640032}) {
            assertThat(H264ProfileLevelId.parse(invalid)).as("%s", invalid).isNull();
        }
    }

    @Test
    void printsCanonicalForm() {
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.CONSTRAINED_BASELINE, 31))).isEqualTo("42e01f");
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.BASELINE, 10))).isEqualTo("42000a");
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.MAIN, 31))).isEqualTo("4d001f");
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.CONSTRAINED_HIGH, 42))).isEqualTo("640c2a");
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.HIGH, 42))).isEqualTo("64002a");
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.CONSTRAINED_BASELINE, 0))).isEqualTo("42f00b");
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.BASELINE, 0))).isEqualTo("42100b");
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.MAIN, 0))).isEqualTo("4d100b");
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.HIGH, 0))).isNull();
        assertThat(H264ProfileLevelId.toString(new ProfileLevel(Profile.CONSTRAINED_HIGH, 0))).isNull();
        for (String value : new String[] {"42e01f", "42E01F", "4d100b", "4D100B", "640c2a", "640C2A"}) {
            assertThat(H264ProfileLevelId.toString(H264ProfileLevelId.parse(value))).isEqualTo(value.toLowerCase());
        }
    }

    @Test
    void defaultsToConstrainedBaselineLevel31WhenAbsent() {
        assertThat(H264ProfileLevelId.parseSdp(Map.of()))
                .isEqualTo(new ProfileLevel(Profile.CONSTRAINED_BASELINE, 31));
        assertThat(H264ProfileLevelId.parseSdp(Map.of("profile-level-id", "640c2a")))
                .isEqualTo(new ProfileLevel(Profile.CONSTRAINED_HIGH, 42));
        assertThat(H264ProfileLevelId.parseSdp(Map.of("profile-level-id", "foobar"))).isNull();
    }

    @Test
    void comparesProfiles() {
        assertThat(H264ProfileLevelId.isSameProfile(Map.of("foo", "foo"), Map.of("bar", "bar"))).isTrue();
        assertThat(same("42e01f", "42C02A")).isTrue();
        assertThat(same("42a01f", "58A01F")).isTrue();
        assertThat(H264ProfileLevelId.isSameProfile(Map.of("profile-level-id", "42e01f"), Map.of())).isTrue();
        assertThat(H264ProfileLevelId.isSameProfile(Map.of(), Map.of("profile-level-id", "4d001f"))).isFalse();
        assertThat(same("42a01f", "640c1f")).isFalse();
        assertThat(same("42000a", "64002a")).isFalse();
    }

    @Test
    void answersWithTheLowerLevelUnlessBothAllowAsymmetry() {
        assertThat(H264ProfileLevelId.answer(Map.of(), Map.of())).isNull();

        Map<String, Object> lowLevel = Map.of("profile-level-id", "42e015");
        Map<String, Object> highLevel = Map.of("profile-level-id", "42e01f");
        assertThat(H264ProfileLevelId.answer(lowLevel, highLevel)).isEqualTo("42e015");
        assertThat(H264ProfileLevelId.answer(highLevel, lowLevel)).isEqualTo("42e015");

        assertThat(H264ProfileLevelId.answer(
                Map.of("profile-level-id", "42e01f", "level-asymmetry-allowed", "1"),
                Map.of("profile-level-id", "42e015", "level-asymmetry-allowed", "1")))
                .isEqualTo("42e01f");
        // Numbers count as well (mediasoup-client sends numbers).
        assertThat(H264ProfileLevelId.answer(
                Map.of("profile-level-id", "42e01f", "level-asymmetry-allowed", 1),
                Map.of("profile-level-id", "42e015", "level-asymmetry-allowed", 1)))
                .isEqualTo("42e01f");
    }

    @Test
    void refusesToAnswerAcrossProfiles() {
        assertThatThrownBy(() -> H264ProfileLevelId.answer(
                Map.of("profile-level-id", "42e01f"), Map.of("profile-level-id", "640c1f")))
                .hasMessage("H264 Profile mismatch");
        assertThatThrownBy(() -> H264ProfileLevelId.answer(
                Map.of("profile-level-id", "foobar"), Map.of("profile-level-id", "42e01f")))
                .hasMessage("invalid local_profile_level_id");
    }

    private static boolean same(String a, String b) {
        return H264ProfileLevelId.isSameProfile(Map.of("profile-level-id", a), Map.of("profile-level-id", b));
    }
}
