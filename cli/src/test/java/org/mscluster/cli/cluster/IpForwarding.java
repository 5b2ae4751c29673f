package org.mscluster.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * IPv4 forwarding of this network namespace switched on for a test, so that namespaces routed
 * through it ({@link NetworkNamespace#routeThroughHost()}) reach each other; {@link #close()} puts
 * back the value found, since the machine is shared.
 */
final class IpForwarding implements AutoCloseable {

    private static final Path SETTING = Path.of("/proc/sys/net/ipv4/ip_forward");

    private final String previous;

    private IpForwarding(String previous) {
        this.previous = previous;
    }

    /** Forwarding on, or why not (not root, a read-only /proc/sys): the caller skips then, and says so. */
    static Result tryEnable() {
        try {
            String previous = Files.readString(SETTING).trim();
            if (!previous.equals("1")) {
                Files.writeString(SETTING, "1\n");
            }
            if (!Files.readString(SETTING).trim().equals("1")) {
                return new Result(Optional.empty(), SETTING + " stays " + previous);
            }
            return new Result(Optional.of(new IpForwarding(previous)), null);
        } catch (IOException | SecurityException e) {
            return new Result(Optional.empty(), "cannot write " + SETTING + ": " + e.getMessage());
        }
    }

    record Result(Optional<IpForwarding> forwarding, String whyNot) {
    }

    @Override
    public void close() {
        try {
            if (!previous.equals("1")) {
                Files.writeString(SETTING, previous + "\n");
            }
        } catch (IOException e) {
            System.err.println("[IpForwarding] could not put back " + SETTING + " = " + previous + ": " + e);
        }
    }
}
