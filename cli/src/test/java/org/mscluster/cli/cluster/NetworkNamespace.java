package org.mscluster.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to this one by a veth pair, {@code hostIp} on this side and
 * {@code namespaceIp} inside (a /30 between them): a machine of its own, as far as sockets go.
 * Created with {@code ip} (iproute2) and removed with every process left in it on {@link #close()}.
 */
final class NetworkNamespace implements AutoCloseable {

    final String name;
    final String hostIp;
    final String namespaceIp;
    private final String hostVeth;
    private final String namespaceVeth;

    private NetworkNamespace(String name, String hostVeth, String namespaceVeth, String hostIp, String namespaceIp) {
        this.name = name;
        this.hostVeth = hostVeth;
        this.namespaceVeth = namespaceVeth;
        this.hostIp = hostIp;
        this.namespaceIp = namespaceIp;
    }

    /**
     * Creates one, or says why it cannot (not root, a kernel or container that refuses namespaces):
     * the caller runs on loopback then, and says so.
     */
    static Result tryCreate(String prefix) {
        return tryCreate(prefix, 213);
    }

    /**
     * As {@link #tryCreate(String)}, in {@code 10.<network>.x.0/30}: a test that makes several
     * namespaces gives each its own {@code network}, since {@code x} comes from the JVM's pid alone.
     */
    static Result tryCreate(String prefix, int network) {
        long tag = ProcessHandle.current().pid() % 10_000;
        String name = prefix + tag;
        String hostVeth = prefix + tag + "h";
        String nsVeth = prefix + tag + "n";
        int subnet = (int) (tag % 250) + 1;
        String hostIp = "10." + network + "." + subnet + ".1";
        String nsIp = "10." + network + "." + subnet + ".2";
        NetworkNamespace ns = new NetworkNamespace(name, hostVeth, nsVeth, hostIp, nsIp);
        ns.close(); // leftovers of an earlier run killed hard
        try {
            ip("netns", "add", name);
            ip("link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth);
            ip("link", "set", nsVeth, "netns", name);
            ip("addr", "add", hostIp + "/30", "dev", hostVeth);
            ip("link", "set", hostVeth, "up");
            ip("netns", "exec", name, "ip", "addr", "add", nsIp + "/30", "dev", nsVeth);
            ip("netns", "exec", name, "ip", "link", "set", nsVeth, "up");
            ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
            return new Result(Optional.of(ns), null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            return new Result(Optional.empty(), e.getMessage());
        }
    }

    record Result(Optional<NetworkNamespace> namespace, String whyNot) {
    }

    /**
     * Sends whatever is not on the /30 to this side's address: with forwarding on here (see
     * {@link IpForwarding}), namespaces reach each other through this one, as machines through a router.
     */
    void routeThroughHost() throws IOException, InterruptedException {
        ip("netns", "exec", name, "ip", "route", "add", "default", "via", hostIp);
    }

    /**
     * A partition of this namespace from one TCP service on this side ({@code ip:port}), and from it
     * alone: packets toward it leave by a route of their own, to a gateway whose address nobody answers
     * for (a permanent neighbour entry with a made-up MAC), so the other side drops them as not meant
     * for it. Nothing errors: connections already open stall and new ones time out, as behind a broken
     * link, while every other address and port still answers both ways. {@link Partition#close()} heals
     * it and the stalled connections carry on. Needs no tc, iptables or nftables, only policy routing.
     */
    Partition partitionFrom(String ip, int port) throws IOException, InterruptedException {
        String table = "77";
        String gateway = "10.255.255.254";
        List<String> rule = List.of("rule", "add", "to", ip, "ipproto", "tcp", "dport", Integer.toString(port), "table", table);
        ip(inside("neigh", "replace", gateway, "lladdr", "02:00:00:00:00:fe", "dev", namespaceVeth, "nud", "permanent"));
        ip(inside("route", "replace", "default", "via", gateway, "dev", namespaceVeth, "onlink", "table", table));
        ip(inside(rule.toArray(String[]::new)));
        return () -> {
            List<String> delete = new ArrayList<>(rule);
            delete.set(1, "del");
            ip(inside(delete.toArray(String[]::new)));
        };
    }

    /** Undone by {@link #close()}: the partition heals. */
    interface Partition extends AutoCloseable {
        @Override
        void close() throws IOException, InterruptedException;
    }

    private String[] inside(String... ipArgs) {
        List<String> args = new ArrayList<>(List.of("netns", "exec", name, "ip"));
        args.addAll(List.of(ipArgs));
        return args.toArray(String[]::new);
    }

    /** {@code command} run inside the namespace. */
    List<String> exec(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        try {
            Process pids = new ProcessBuilder("ip", "netns", "pids", name).redirectErrorStream(true).start();
            for (String pid : new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            pids.waitFor(10, TimeUnit.SECONDS);
            ip("link", "del", hostVeth);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Not there: nothing to remove.
        }
        try {
            ip("netns", "del", name);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Not there.
        }
    }
}
