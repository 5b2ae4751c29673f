package org.mscluster.mediasoup.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are what mediasoup 3.27.1's {@code parseScalabilityMode} returns. */
class ScalabilityModeTest {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource({
            "L1T3, 1, 3, false",
            "S3T3, 3, 3, false",
            "L3T3_KEY, 3, 3, true",
            "S2T3_KEY, 2, 3, true",
            "L3T3_KEY_SHIFT, 3, 3, true",
            "L2T2h, 2, 2, false",
            "L10T2, 10, 2, false",
            "L1T10, 1, 10, false",
            "L100T1, 1, 1, false",
            "L0T1, 1, 1, false",
            "LT3, 1, 1, false",
            "X1T3, 1, 1, false",
            "l1t3, 1, 1, false",
            "' L1T3', 1, 1, false",
            "'', 1, 1, false",
    })
    void parsesLikeNode(String mode, int spatialLayers, int temporalLayers, boolean ksvc) {
        assertThat(ScalabilityMode.parse(mode)).isEqualTo(new ScalabilityMode(spatialLayers, temporalLayers, ksvc));
    }

    @Test
    void absentModeIsOneLayer() {
        assertThat(ScalabilityMode.parse(null)).isEqualTo(new ScalabilityMode(1, 1, false));
    }
}
