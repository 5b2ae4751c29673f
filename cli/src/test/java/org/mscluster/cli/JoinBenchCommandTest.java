package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinBenchCommandTest {

    @Test
    void aDirectoryThatIsNotADemoCheckoutIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("app/lib"));
        Files.writeString(dir.resolve("app/lib/index.jsx"), "");

        CliRun run = CliRun.of("bench", "join", "--demo-dir", dir.toString(), "--compare-demo");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("is not a mediasoup-demo checkout: no app/index.html").contains("README");
    }

    @Test
    void theDemoDirectoryIsRequired() {
        CliRun run = CliRun.of("bench", "join", "--compare-demo");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--demo-dir");
    }

    @Test
    void tooFewPagesAreRefused(@TempDir Path dir) {
        CliRun run = CliRun.of("bench", "join", "--demo-dir", dir.toString(), "--pages", "1");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--pages >= 2");
    }

    @Test
    void ratiosAreOursOverTheDemosPerPhaseAndNullWhereASideHasNoFigure() throws Exception {
        var ours = Json.MAPPER.readTree("""
                {"allPagesFirstFrameMs":4000,"joinersMs":{"wsOpen":1500,"firstRemoteFrame":3000,"transportsConnected":null}}""");
        var demo = Json.MAPPER.readTree("""
                {"allPagesFirstFrameMs":5000,"joinersMs":{"wsOpen":1000,"firstRemoteFrame":4000,"transportsConnected":2000}}""");

        Map<String, Object> ratios = JoinBenchCommand.ratios(ours, demo);

        assertThat(ratios).containsEntry("allPagesFirstFrame", 0.8);
        @SuppressWarnings("unchecked")
        Map<String, Object> joiners = (Map<String, Object>) ratios.get("joiners");
        assertThat(joiners).containsEntry("wsOpen", 1.5).containsEntry("firstRemoteFrame", 0.75)
                .containsEntry("transportsConnected", null);
    }

    @Test
    void procStatTicksAreUserSystemAndReapedChildrenEvenWithSpacesInTheCommand() {
        String stat = "4242 (Web Content (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 25 7 3 20 0 1 0 100 0 0";

        assertThat(ProcessCpu.parseTicks(stat)).isEqualTo(150 + 25 + 7 + 3);
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assertThat(ProcessCpu.seconds(ProcessHandle.current())).isPositive();
    }
}
