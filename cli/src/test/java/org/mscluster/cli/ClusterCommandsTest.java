package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenRequirement;
import org.mscluster.cluster.token.TokenVerifier;
import org.mscluster.signaling.net.ConnectionGate;
import org.mscluster.signaling.net.HttpLimits;
import org.mscluster.signaling.net.WebSocketLimits;
import picocli.CommandLine;

/** The cluster side of the CLI without starting anything: tokens, secrets from flags/env/YAML, option checks. */
class ClusterCommandsTest {

    private static final String ACME = "acme-0123456789abcdef0123456789abcdef";
    private static final String BETA = "beta-0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void tokenIssuePrintsATokenTheNodesAccept() {
        CliRun run = CliRun.of("token", "issue", "--namespace-secret", "acme=" + ACME, "--namespace", "acme", "--room", "r1",
                "--peer", "p1", "--ttl", "600");
        assertThat(run.exitCode()).as(run.err()).isZero();
        TokenVerifier verifier = new TokenVerifier(NamespaceSecrets.parse(List.of("acme=" + ACME)), Clock.systemUTC());
        assertThat(verifier.verify(run.out().trim(), TokenRequirement.join("acme", "r1", "p1")).accepted()).isTrue();
        assertThat(verifier.verify(run.out().trim(), TokenRequirement.join("acme", "r2", "p1")).accepted()).isFalse();
    }

    @Test
    void aSecretMayHoldCommasAndEachNamespaceIsItsOwnOption() {
        String withCommas = "a,secret,with,commas,0123456789abcdef0123";
        CliRun run = CliRun.of("token", "issue", "--namespace-secret", "acme=" + withCommas, "--namespace-secret", "beta=" + BETA,
                "--namespace", "acme", "--room", "r1", "--peer", "p1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        TokenVerifier verifier = new TokenVerifier(NamespaceSecrets.parse(List.of("acme=" + withCommas)), Clock.systemUTC());
        assertThat(verifier.verify(run.out().trim(), TokenRequirement.join("acme", "r1", "p1")).accepted()).isTrue();
    }

    @Test
    void secretsComeFromTheYamlNamespacesSectionOrTheEnvironment() throws Exception {
        Path config = dir.resolve("cluster.yaml");
        Files.writeString(config, "namespaces:\n  acme: " + ACME + "\n  beta:\n    secret: " + BETA + "\n");
        CliRun fromFile = CliRun.of("token", "issue", "--config", config.toString(), "--namespace", "beta", "--peer", "p1");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        TokenVerifier verifier = new TokenVerifier(NamespaceSecrets.parse(List.of("beta=" + BETA)), Clock.systemUTC());
        assertThat(verifier.verify(fromFile.out().trim(), TokenRequirement.join("beta", "any-room", "p1")).accepted()).isTrue();

        CliRun fromEnv = CliRun.of(Map.of("MSCLUSTER_NAMESPACE_SECRET", "acme=" + ACME + ",beta=" + BETA), "token", "issue",
                "--namespace", "acme", "--peer", "p1");
        assertThat(fromEnv.exitCode()).as(fromEnv.err()).isZero();
    }

    @Test
    void aYamlNamespacesSectionLeavesTheServedNamespacesAtTheirDefault() throws Exception {
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "namespaces:\n  acme: " + ACME + "\nplacement:\n  cpuLimit: 0.5\n  room-capacity: 200\n");
        CommandLine line = Main.commandLine(ConfigDefaults.fromArgs(new String[] {"--config", config.toString()}, k -> null));
        CommandLine.ParseResult parsed = line.parseArgs("node", "start", "--config", config.toString(), "--redis", "redis://127.0.0.1:1");
        NodeCommand.Start start = (NodeCommand.Start) parsed.subcommand().subcommand().commandSpec().userObject();
        assertThat(start.namespaces).isEqualTo("*");
        assertThat(start.cluster.secrets().namespaces()).containsExactly("acme");
        assertThat(start.cluster.placement().cpuLimit()).isEqualTo(0.5);
        assertThat(start.cluster.placement().roomCapacity()).isEqualTo(200);
    }

    @Test
    void cascadeComesFromTheFlagOnNodesAndDispatchersOrFromTheYamlPlacementSection() throws Exception {
        Path config = dir.resolve("cascade.yaml");
        Files.writeString(config, "placement:\n  cascade: true\n  leg-capacity: 40\n");
        CommandLine line = Main.commandLine(ConfigDefaults.fromArgs(new String[] {"--config", config.toString()}, k -> null));
        CommandLine.ParseResult parsed = line.parseArgs("node", "start", "--config", config.toString(), "--redis", "redis://127.0.0.1:1");
        NodeCommand.Start fromFile = (NodeCommand.Start) parsed.subcommand().subcommand().commandSpec().userObject();
        assertThat(fromFile.cluster.placement().cascade()).isTrue();
        assertThat(fromFile.cluster.placement().legCapacity()).isEqualTo(40);

        CommandLine plain = Main.commandLine(ConfigDefaults.fromArgs(new String[0], k -> null));
        NodeCommand.Start off = (NodeCommand.Start) plain.parseArgs("node", "start", "--redis", "redis://127.0.0.1:1")
                .subcommand().subcommand().commandSpec().userObject();
        assertThat(off.cluster.placement().cascade()).isFalse();
        NodeCommand.Start on = (NodeCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(new String[0], k -> null))
                .parseArgs("node", "start", "--redis", "redis://127.0.0.1:1", "--cascade")
                .subcommand().subcommand().commandSpec().userObject();
        assertThat(on.cluster.placement().cascade()).isTrue();
        DispatcherCommand.Start dispatcher = (DispatcherCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(new String[0],
                k -> null)).parseArgs("dispatcher", "start", "--redis", "redis://127.0.0.1:1", "--cascade")
                .subcommand().subcommand().commandSpec().userObject();
        assertThat(dispatcher.cluster.placement().cascade()).isTrue();

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "placement:\n  cascade: sometimes\n");
        CliRun refused = CliRun.of("node", "start", "--config", bad.toString(), "--redis", "redis://127.0.0.1:1",
                "--namespace-secret", "acme=" + ACME);
        assertThat(refused.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(refused.err()).contains("placement.cascade must be true or false");
    }

    @Test
    void connectionAndRoomLimitsHaveSafeDefaultsAndOptionsOnNodesAndDispatchers() {
        NodeCommand.Start defaults = (NodeCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(new String[0], k -> null))
                .parseArgs("node", "start", "--redis", "redis://127.0.0.1:1").subcommand().subcommand().commandSpec().userObject();
        WebSocketLimits limits = defaults.connectionLimits.apply(WebSocketLimits.defaults());
        assertThat(limits.connections()).isEqualTo(ConnectionGate.Settings.defaults());
        assertThat(limits.connections().handshakesInFlight()).isEqualTo(1024);
        assertThat(limits.http()).isEqualTo(new HttpLimits(8192, 16384, 8192, 65536));
        assertThat(defaults.newRoomsPerMinutePerAddress).isEqualTo(30);
        assertThat(defaults.audioLevelsIntervalMs).isEqualTo(200);

        NodeCommand.Start node = (NodeCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(new String[0], k -> null))
                .parseArgs("node", "start", "--redis", "redis://127.0.0.1:1", "--max-handshakes-in-flight", "64",
                        "--max-url-bytes", "4096", "--max-header-bytes", "32768", "--max-body-bytes", "2048",
                        "--new-rooms-per-minute-per-address", "5", "--audio-levels-interval-ms", "500")
                .subcommand().subcommand().commandSpec().userObject();
        WebSocketLimits set = node.connectionLimits.apply(WebSocketLimits.defaults());
        assertThat(set.connections().handshakesInFlight()).isEqualTo(64);
        assertThat(set.http()).isEqualTo(new HttpLimits(4096, 32768, 8192, 2048));
        assertThat(node.newRoomsPerMinutePerAddress).isEqualTo(5);
        assertThat(node.audioLevelsIntervalMs).isEqualTo(500);

        DispatcherCommand.Start dispatcher = (DispatcherCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(new String[0],
                k -> null)).parseArgs("dispatcher", "start", "--redis", "redis://127.0.0.1:1", "--max-handshakes-in-flight", "32",
                        "--max-connections-per-address", "8", "--max-url-bytes", "2048")
                .subcommand().subcommand().commandSpec().userObject();
        WebSocketLimits atDispatcher = dispatcher.connectionLimits.apply(WebSocketLimits.defaults());
        assertThat(atDispatcher.connections().handshakesInFlight()).isEqualTo(32);
        assertThat(atDispatcher.connections().perAddress()).isEqualTo(8);
        assertThat(atDispatcher.http().maxUrlBytes()).isEqualTo(2048);

        CliRun noHandshakes = CliRun.of("dispatcher", "start", "--redis", "redis://127.0.0.1:1", "--namespace-secret",
                "acme=" + ACME, "--max-handshakes-in-flight", "0");
        assertThat(noHandshakes.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(noHandshakes.err()).contains("handshakes in flight must be at least 1");
        CliRun noRooms = CliRun.of("node", "start", "--redis", "redis://127.0.0.1:1", "--namespace-secret", "acme=" + ACME,
                "--new-rooms-per-minute-per-address", "0");
        assertThat(noRooms.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(noRooms.err()).contains("new rooms per address per minute must be at least 1");
        CliRun noLevels = CliRun.of("node", "start", "--redis", "redis://127.0.0.1:1", "--namespace-secret", "acme=" + ACME,
                "--audio-levels-interval-ms", "0");
        assertThat(noLevels.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(noLevels.err()).contains("audio levels interval must be within 1-5000 ms");
    }

    @Test
    void clusterModeNeedsTokensAndOneMode() {
        CliRun both = CliRun.of("node", "start", "--standalone", "--redis", "redis://127.0.0.1:1");
        assertThat(both.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(both.err()).contains("--standalone").contains("--redis");
        CliRun noSecrets = CliRun.of("node", "start", "--redis", "redis://127.0.0.1:1");
        assertThat(noSecrets.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(noSecrets.err()).contains("--namespace-secret");
        CliRun dispatcherWithoutRedis = CliRun.of("dispatcher", "start", "--namespace-secret", "acme=" + ACME);
        assertThat(dispatcherWithoutRedis.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(dispatcherWithoutRedis.err()).contains("--redis");
        CliRun shortSecret = CliRun.of("dispatcher", "start", "--redis", "redis://127.0.0.1:1", "--namespace-secret", "acme=short");
        assertThat(shortSecret.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(shortSecret.err()).contains("32 bytes").doesNotContain("short");
    }

    @Test
    void theDashboardRoomLimitComesFromTheFlagOrTheYamlAndIsAtLeastZero() throws Exception {
        NodeCommand.Start defaults = (NodeCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(new String[0], k -> null))
                .parseArgs("node", "start", "--redis", "redis://127.0.0.1:1").subcommand().subcommand().commandSpec().userObject();
        assertThat(defaults.operations.settings(NamespaceSecrets.none(), true).dashboardRoomLimit()).isEqualTo(5_000);
        NodeCommand.Start node = (NodeCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(new String[0], k -> null))
                .parseArgs("node", "start", "--standalone", "--dashboard-room-limit", "12").subcommand().subcommand()
                .commandSpec().userObject();
        assertThat(node.operations.settings(NamespaceSecrets.none(), true).dashboardRoomLimit()).isEqualTo(12);

        Path config = dir.resolve("dashboard.yaml");
        Files.writeString(config, "dashboard-room-limit: 7\n");
        DispatcherCommand.Start fromYaml = (DispatcherCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(
                new String[] {"--config", config.toString()}, k -> null)).parseArgs("dispatcher", "start", "--config",
                config.toString(), "--redis", "redis://127.0.0.1:1").subcommand().subcommand().commandSpec().userObject();
        assertThat(fromYaml.dashboardRoomLimit).isEqualTo(7);
        DispatcherCommand.Start dispatcherDefault = (DispatcherCommand.Start) Main.commandLine(ConfigDefaults.fromArgs(new String[0],
                k -> null)).parseArgs("dispatcher", "start", "--redis", "redis://127.0.0.1:1").subcommand().subcommand()
                .commandSpec().userObject();
        assertThat(dispatcherDefault.dashboardRoomLimit).isEqualTo(5_000);

        CliRun badNode = CliRun.of("node", "start", "--redis", "redis://127.0.0.1:1", "--namespace-secret", "acme=" + ACME,
                "--dashboard-room-limit", "-1");
        assertThat(badNode.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badNode.err()).contains("dashboard room limit must be at least 0");
        CliRun badDispatcher = CliRun.of("dispatcher", "start", "--redis", "redis://127.0.0.1:1", "--namespace-secret",
                "acme=" + ACME, "--dashboard-room-limit", "-5");
        assertThat(badDispatcher.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badDispatcher.err()).contains("dashboard room limit must be at least 0");
        CliRun notANumber = CliRun.of("dispatcher", "start", "--redis", "redis://127.0.0.1:1", "--namespace-secret",
                "acme=" + ACME, "--dashboard-room-limit", "many");
        assertThat(notANumber.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
