package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ConfigDefaultsTest {

    @Command(name = "probe")
    static final class Options {
        @Option(names = "--config") String config;
        @Option(names = "--rtc-ports", defaultValue = "40000-49999") String rtcPorts;
        @Option(names = "--port", defaultValue = "4443") int port;
        @Option(names = "--namespaces", defaultValue = "*") String namespaces;
    }

    @TempDir
    Path dir;

    private Options parse(Map<String, String> env, String... args) {
        Options options = new Options();
        CommandLine line = new CommandLine(options);
        line.setDefaultValueProvider(ConfigDefaults.fromArgs(args, env::get));
        line.parseArgs(args);
        return options;
    }

    @Test
    void commandLineThenEnvironmentThenFileThenBuiltInDefault() throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "rtcPorts: 41000-41099\nport: 5000\nnamespaces: [a, b]\n");

        Options fromFile = parse(Map.of(), "--config", file.toString());
        assertThat(fromFile.rtcPorts).isEqualTo("41000-41099");
        assertThat(fromFile.port).isEqualTo(5000);
        assertThat(fromFile.namespaces).isEqualTo("a,b");

        Options fromEnv = parse(Map.of("MSCLUSTER_PORT", "6000"), "--config=" + file);
        assertThat(fromEnv.port).isEqualTo(6000);

        Options fromArgs = parse(Map.of("MSCLUSTER_PORT", "6000"), "--config", file.toString(), "--port", "7000");
        assertThat(fromArgs.port).isEqualTo(7000);

        Options builtIn = parse(Map.of());
        assertThat(builtIn.rtcPorts).isEqualTo("40000-49999");
        assertThat(builtIn.port).isEqualTo(4443);
    }

    @Test
    void kebabCaseKeysWorkToo() throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "rtc-ports: 42000-42010\n");
        assertThat(parse(Map.of(), "--config", file.toString()).rtcPorts).isEqualTo("42000-42010");
    }

    @Test
    void aMissingOrBrokenFileIsAClearUsageError() throws Exception {
        assertThatThrownBy(() -> ConfigDefaults.fromArgs(new String[] {"--config", dir.resolve("nope.yaml").toString()}, k -> null))
                .hasMessageContaining("does not exist");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "port: [unclosed\n");
        assertThatThrownBy(() -> ConfigDefaults.fromArgs(new String[] {"--config", broken.toString()}, k -> null))
                .hasMessageContaining("not valid YAML");
        assertThat(Main.run(new String[] {"--config", dir.resolve("nope.yaml").toString(), "worker", "probe"}, k -> null))
                .isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
