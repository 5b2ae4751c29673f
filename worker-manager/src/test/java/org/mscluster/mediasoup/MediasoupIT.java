package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.ScalabilityMode;

/**
 * Port of mediasoup's {@code test-mediasoup.js}. Not ported: {@code setLogEventListeners}, since
 * logging here is SLF4J's (the worker's lines arrive on the logger {@code mediasoup.worker}).
 */
class MediasoupIT {

    @Test
    void versionMatchesTheVersionFieldInPackageJson() throws Exception {
        Path packageJson = Path.of(System.getProperty("mscluster.source.dir"), "package.json");
        Map<?, ?> pkg = new ObjectMapper().readValue(packageJson.toFile(), Map.class);
        assertThat(Mediasoup.version()).isEqualTo(pkg.get("version")).isEqualTo("3.27.1");
    }

    @Test
    void getSupportedRtpCapabilitiesReturnsTheMediasoupRtpCapabilities() {
        RtpCapabilities rtpCapabilities = Mediasoup.getSupportedRtpCapabilities();
        assertThat(rtpCapabilities.codecs()).isNotEmpty();
        // Node mangles the result to show each call returns a clone; here the value cannot be mangled at all.
        assertThat(rtpCapabilities.codecs()).isUnmodifiable();
        assertThat(Mediasoup.getSupportedRtpCapabilities()).isEqualTo(rtpCapabilities);
    }

    @Test
    void parseScalabilityModeSucceeds() {
        assertThat(Mediasoup.parseScalabilityMode("L1T3")).isEqualTo(new ScalabilityMode(1, 3, false));
        assertThat(Mediasoup.parseScalabilityMode("L3T2_KEY")).isEqualTo(new ScalabilityMode(3, 2, true));
        assertThat(Mediasoup.parseScalabilityMode("S2T3")).isEqualTo(new ScalabilityMode(2, 3, false));
        assertThat(Mediasoup.parseScalabilityMode("foo")).isEqualTo(new ScalabilityMode(1, 1, false));
        assertThat(Mediasoup.parseScalabilityMode(null)).isEqualTo(new ScalabilityMode(1, 1, false));
        assertThat(Mediasoup.parseScalabilityMode("S0T3")).isEqualTo(new ScalabilityMode(1, 1, false));
        assertThat(Mediasoup.parseScalabilityMode("S1T0")).isEqualTo(new ScalabilityMode(1, 1, false));
        assertThat(Mediasoup.parseScalabilityMode("L20T3")).isEqualTo(new ScalabilityMode(20, 3, false));
        assertThat(Mediasoup.parseScalabilityMode("S200T3")).isEqualTo(new ScalabilityMode(1, 1, false));
        assertThat(Mediasoup.parseScalabilityMode("L4T7_KEY_SHIFT")).isEqualTo(new ScalabilityMode(4, 7, true));
    }
}
