package org.mscluster.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mscluster.cluster.locate.CidrTable;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.access.TokenAccessGuard;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options nodes and dispatchers share about the cluster: namespace secrets (tokens), placement
 * thresholds and the CIDR table. Each is also read from the YAML file:
 *
 * <pre>
 * namespaces:                 # NAME: SECRET, or NAME: {secret: SECRET}; the same as --namespace-secret
 *   acme: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * placement:                  # any PlacementSettings field, e.g.
 *   cpuLimit: 0.8
 *   roomCapacity: 500
 *   cascade: true             # rooms across nodes: each peer on the node nearest to it (the same as --cascade)
 *   legCapacity: 100          # peers per leg before a room opens a leg on another node
 *   lapsedOwnerGraceMs: 6000  # a room's node gone from the registry this lately is asked before the room moves
 * cidr-table: /etc/mscluster/cidr.txt
 * </pre>
 */
final class ClusterOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    // Repeated, never split: a secret may hold any character, commas included.
    @Option(names = "--namespace-secret", paramLabel = "NAME=SECRET",
            description = "HS256 secret of a namespace's tokens (at least 32 bytes); repeat the option for each namespace."
                    + " Cluster mode requires tokens.")
    List<String> namespaceSecrets = new ArrayList<>();

    @Option(names = "--cidr-table", paramLabel = "FILE",
            description = "client address → region/ISP table ('cidr region [isp]' per line) for clients that name neither")
    Path cidrTable;

    @Option(names = "--cascade", arity = "0..1", fallbackValue = "true", paramLabel = "BOOLEAN",
            description = "rooms across nodes: a peer joins the room's leg on the node nearest to it, or opens one there;"
                    + " media is piped between legs (default false: a room lives on one node). Nodes and dispatchers"
                    + " of a cluster must agree.")
    Boolean cascade;

    @Option(names = "--cpu-limit", paramLabel = "FRACTION",
            description = "a node whose CPU is above this share gets no new rooms (default 0.85)")
    Double cpuLimit;

    /** The secrets from the command line (or environment), else from the YAML {@code namespaces:} section. */
    NamespaceSecrets secrets() {
        try {
            if (!namespaceSecrets.isEmpty()) {
                return NamespaceSecrets.parse(namespaceSecrets);
            }
            return NamespaceSecrets.of(yamlSecrets());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Tokens checked when secrets are configured; open otherwise (allowed in standalone mode only). */
    AccessGuard access(NamespaceSecrets secrets) {
        return secrets.isEmpty() ? AccessGuard.OPEN : new TokenAccessGuard(secrets, Clock.systemUTC());
    }

    PlacementSettings placement() {
        PlacementSettings.Builder builder = PlacementSettings.builder();
        Object section = file().get("placement");
        if (section instanceof Map<?, ?> values) {
            values.forEach((key, value) -> applyPlacement(builder, String.valueOf(key), value));
        } else if (section != null) {
            throw new ParameterException(spec.commandLine(), "config section 'placement' must be a map of settings");
        }
        if (cpuLimit != null) {
            builder.cpuLimit(cpuLimit);
        }
        if (cascade != null) {
            builder.cascade(cascade);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "placement settings: " + e.getMessage());
        }
    }

    CidrTable cidrTable() {
        if (cidrTable == null) {
            return CidrTable.EMPTY;
        }
        try (Reader reader = Files.newBufferedReader(cidrTable)) {
            return CidrTable.parse(reader);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --cidr-table " + cidrTable + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), cidrTable + ": " + e.getMessage());
        }
    }

    private Map<String, String> yamlSecrets() {
        Object section = file().get("namespaces");
        Map<String, String> secrets = new LinkedHashMap<>();
        if (section instanceof Map<?, ?> entries) {
            entries.forEach((name, value) -> {
                Object secret = value instanceof Map<?, ?> fields ? fields.get("secret") : value;
                if (secret == null) {
                    throw new IllegalArgumentException("config namespaces." + name + " has no secret");
                }
                secrets.put(String.valueOf(name), String.valueOf(secret));
            });
        }
        return secrets;
    }

    private Map<String, Object> file() {
        return spec.commandLine().getDefaultValueProvider() instanceof ConfigDefaults defaults ? defaults.file() : Map.of();
    }

    private void applyPlacement(PlacementSettings.Builder b, String key, Object value) {
        if (ConfigDefaults.camel(key).equals("cascade")) {
            String text = String.valueOf(value);
            if (!text.equals("true") && !text.equals("false")) {
                throw new ParameterException(spec.commandLine(), "placement.cascade must be true or false: " + value);
            }
            b.cascade(Boolean.parseBoolean(text));
            return;
        }
        double v;
        try {
            v = Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "placement." + key + " must be a number: " + value);
        }
        switch (ConfigDefaults.camel(key)) {
            case "cpuLimit" -> b.cpuLimit(v);
            case "memoryLimit" -> b.memoryLimit(v);
            case "diskLimit" -> b.diskLimit(v);
            case "networkLimit" -> b.networkLimit(v);
            case "consumerLimit" -> b.consumerLimit(v);
            case "roomLimit" -> b.roomLimit(v);
            case "workerCpuLimit" -> b.workerCpuLimit(v);
            case "networkCapacityBytesPerSecond" -> b.networkCapacityBytesPerSecond((long) v);
            case "consumerCapacity" -> b.consumerCapacity((int) v);
            case "roomCapacity" -> b.roomCapacity((int) v);
            case "cpuWeight" -> b.cpuWeight(v);
            case "networkWeight" -> b.networkWeight(v);
            case "consumersWeight" -> b.consumersWeight(v);
            case "roomsWeight" -> b.roomsWeight(v);
            case "unreportedRoomCpu" -> b.unreportedRoomCpu(v);
            case "legCapacity" -> b.legCapacity((int) v);
            case "lapsedOwnerGraceMs" -> b.lapsedOwnerGraceMs((long) v);
            default -> throw new ParameterException(spec.commandLine(), "unknown placement setting '" + key + "'");
        }
    }
}
