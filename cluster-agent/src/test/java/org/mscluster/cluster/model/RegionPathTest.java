package org.mscluster.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegionPathTest {
    @Test
    void parsesSegmentsMostGeneralFirst() {
        RegionPath p = RegionPath.parse("asia/cn/east");
        assertThat(p.segments()).containsExactly("asia", "cn", "east");
        assertThat(p.depth()).isEqualTo(3);
        assertThat(p).hasToString("asia/cn/east");
    }

    @Test
    void forgivesCaseAndStraySlashes() {
        assertThat(RegionPath.parse(" /Asia//CN/east/ ")).isEqualTo(RegionPath.parse("asia/cn/east"));
    }

    @Test
    void blankIsUnknown() {
        assertThat(RegionPath.parse(null)).isEqualTo(RegionPath.UNKNOWN);
        assertThat(RegionPath.parse("  ")).isEqualTo(RegionPath.UNKNOWN);
        assertThat(RegionPath.parse("/")).isEqualTo(RegionPath.UNKNOWN);
        assertThat(RegionPath.UNKNOWN.isUnknown()).isTrue();
    }

    @Test
    void longestCommonPrefix() {
        RegionPath sh = RegionPath.parse("asia/cn/east/sh");
        assertThat(sh.commonPrefixDepth(RegionPath.parse("asia/cn/east"))).isEqualTo(3);
        assertThat(sh.commonPrefixDepth(RegionPath.parse("asia/cn/north"))).isEqualTo(2);
        assertThat(sh.commonPrefixDepth(RegionPath.parse("asia/jp"))).isEqualTo(1);
        assertThat(sh.commonPrefixDepth(RegionPath.parse("europe/de"))).isZero();
        assertThat(sh.commonPrefixDepth(RegionPath.UNKNOWN)).isZero();
        // Same segment name at a different position is not a match.
        assertThat(RegionPath.parse("a/east").commonPrefixDepth(RegionPath.parse("b/east"))).isZero();
    }

    @Test
    void within() {
        assertThat(RegionPath.parse("asia/cn/east").isWithin(RegionPath.parse("asia"))).isTrue();
        assertThat(RegionPath.parse("asia").isWithin(RegionPath.parse("asia/cn"))).isFalse();
        assertThat(RegionPath.parse("asia").isWithin(RegionPath.UNKNOWN)).isTrue();
    }

    @Test
    void rejectsCharactersThatWouldNotSurviveAUrlOrKey() {
        assertThatThrownBy(() -> RegionPath.parse("asia/c n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegionPath.parse("asia/cn:east")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegionPath(List.of("a".repeat(65)))).isInstanceOf(IllegalArgumentException.class);
    }
}
