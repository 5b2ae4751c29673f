package org.mscluster.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option's default from, in order: the environment ({@code --rtc-ports} →
 * {@code MSCLUSTER_RTC_PORTS}), then the YAML file of {@code --config} (key {@code rtc-ports} or
 * {@code rtcPorts}), then the option's own default. Options given on the command line win over all.
 */
final class ConfigDefaults implements IDefaultValueProvider {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Keys that are an option's value as a scalar or list, and a section of their own as a map. */
    private static final java.util.Set<String> SECTIONS = java.util.Set.of("namespaces");

    private final Map<String, Object> file;
    private final Function<String, String> environment;

    ConfigDefaults(Map<String, Object> file, Function<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    /** Reads the file named by {@code --config FILE} or {@code --config=FILE} in {@code args}, if any. */
    static ConfigDefaults fromArgs(String[] args, Function<String, String> environment) {
        String path = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                path = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                path = args[i].substring("--config=".length());
            }
        }
        if (path == null) {
            path = environment.apply("MSCLUSTER_CONFIG");
        }
        return new ConfigDefaults(path == null ? Map.of() : read(Path.of(path)), environment);
    }

    static Map<String, Object> read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("config file " + path + " does not exist");
        }
        try {
            Map<String, Object> values = YAML.readValue(path.toFile(), new TypeReference<Map<String, Object>>() { });
            return values == null ? Map.of() : values;
        } catch (IOException e) {
            throw new ConfigException("config file " + path + " is not valid YAML: " + e.getMessage());
        }
    }

    /** The YAML file's top-level values, for sections that are not plain options (e.g. {@code namespaces}). */
    Map<String, Object> file() {
        return file;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.longestName().equals("--config")) {
            return null;
        }
        String name = option.longestName().replaceFirst("^--", "");
        String fromEnv = environment.apply("MSCLUSTER_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Object fromFile = file.containsKey(name) ? file.get(name) : file.get(camel(name));
        if (fromFile == null) {
            return null;
        }
        if (fromFile instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (fromFile instanceof Map<?, ?> && SECTIONS.contains(name)) {
            // `namespaces:` as a map holds the namespace secrets, read by the commands themselves (ClusterOptions).
            return null;
        }
        if (fromFile instanceof Map<?, ?>) {
            throw new ConfigException("config key '" + name + "' must be a value or a list, not a section");
        }
        return String.valueOf(fromFile);
    }

    static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** A configuration mistake: reported as one line and exit code 2, like a bad option. */
    static final class ConfigException extends RuntimeException {
        ConfigException(String message) {
            super(message);
        }
    }

    static List<String> splitList(String value) {
        return value == null || value.isBlank() ? List.of()
                : java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
