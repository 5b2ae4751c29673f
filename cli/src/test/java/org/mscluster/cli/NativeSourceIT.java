package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first run's download of the mediasoup package, as the launcher and the test command run it
 * ({@code native/source.sh}): when the registry cannot be reached the script says so, shows npm's
 * error and how to get past it, and exits non-zero, instead of stopping after "downloading" in silence.
 */
class NativeSourceIT {

    private static final Path SCRIPT = Path.of("..", "native", "source.sh").toAbsolutePath().normalize();

    @TempDir
    Path cache;

    @Test
    void anUnreachableRegistryIsReportedWithTheWayAround() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("MSCLUSTER_CACHE", cache.toString());
        builder.environment().put("npm_config_registry", "http://127.0.0.1:1/");
        builder.environment().put("npm_config_fetch_retries", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("cannot download mediasoup@3.27.1 from the npm registry http://127.0.0.1:1/")
                .contains("ECONNREFUSED")
                .contains("MSCLUSTER_MEDIASOUP_TARBALL=");
    }
}
