package org.mscluster.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code redis-server} on a free loopback port, without persistence, in a temporary
 * directory; or a Sentinel watching one, or one that speaks only TLS. The one launcher of the
 * product: for commands that need a Redis when none was given ({@code bench dispatch}), and for
 * integration tests, which start their own and close it after, so no process outlives them (a
 * shutdown hook covers an aborted JVM).
 */
public final class LocalRedisServer implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final int port;
    private final Path dir;
    private final List<String> command;
    private final Map<String, String> environment;
    private final boolean tls;
    private final Thread shutdownHook;
    private Process process;

    private LocalRedisServer(int port, Path dir, List<String> command, boolean tls) {
        this(port, dir, command, Map.of(), tls);
    }

    private LocalRedisServer(int port, Path dir, List<String> command, Map<String, String> environment, boolean tls) {
        this.port = port;
        this.dir = dir;
        this.command = command;
        this.environment = environment;
        this.tls = tls;
        this.shutdownHook = new Thread(this::destroyNow, "redis-server-" + port + "-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * What lets a {@code redis-server} keep its data in transparent huge pages: its own refusal lifted
     * ({@code disable-thp no}; Redis turns them off for itself, for the sake of fork, which a server
     * without persistence never does) and jemalloc asked to use them ({@code thp:always}; Debian's Redis
     * uses the system's jemalloc, which reads {@code MALLOC_CONF}, a Redis built with its own reads
     * {@code JE_MALLOC_CONF}). With a gigabyte of rooms and reports in 4 kB pages, the kernel's memory
     * scanning (DAMON here) stalled Redis for milliseconds twice a second, and placement's p99 at a
     * million rooms about halved in huge pages (interleaved runs of {@code bench scale}: README).
     */
    static final List<String> HUGE_PAGES_ARGS = List.of("--disable-thp", "no");
    static final Map<String, String> HUGE_PAGES_ENV = Map.of("MALLOC_CONF", "thp:always", "JE_MALLOC_CONF", "thp:always");

    /**
     * Starts a server as the README recommends one for the cluster (no persistence, huge pages);
     * {@code extraArgs} are added to the command line (e.g. {@code --requirepass x}).
     */
    public static LocalRedisServer start(String... extraArgs) {
        return start(true, extraArgs);
    }

    /** {@link #start(String...)}, with or without {@link #HUGE_PAGES_ARGS huge pages}. */
    public static LocalRedisServer start(boolean hugePages, String... extraArgs) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // another process may grab the free port first
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port",
                    Integer.toString(port), "--save", "", "--appendonly", "no", "--daemonize", "no"));
            if (hugePages) {
                cmd.addAll(HUGE_PAGES_ARGS);
            }
            cmd.addAll(List.of(extraArgs));
            LocalRedisServer server = new LocalRedisServer(port, tempDir(), cmd, hugePages ? HUGE_PAGES_ENV : Map.of(), false);
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                last = e;
            }
        }
        throw last;
    }

    /** Starts a Sentinel monitoring {@code master} under {@code masterName}, quorum 1. */
    public static LocalRedisServer startSentinel(LocalRedisServer master, String masterName) {
        int port = freePort();
        Path dir = tempDir();
        Path conf = dir.resolve("sentinel.conf");
        try {
            Files.writeString(conf, String.join("\n",
                    "bind 127.0.0.1",
                    "port " + port,
                    "dir " + dir,
                    "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1",
                    "sentinel down-after-milliseconds " + masterName + " 1000",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalRedisServer sentinel = new LocalRedisServer(port, dir, List.of("redis-server", conf.toString(), "--sentinel"), false);
        sentinel.launch();
        return sentinel;
    }

    /**
     * Starts a server that speaks only TLS, with a fresh self-signed certificate for IP 127.0.0.1
     * (see {@link #certificate()}); needs {@code openssl}.
     */
    public static LocalRedisServer startTls() {
        int port = freePort();
        Path dir = tempDir();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "1", "-subj", "/CN=mscluster-test",
                "-addext", "subjectAltName=IP:127.0.0.1");
        // Also listening on 127.0.0.2, which the certificate does not name: a client that checks
        // host names must refuse the server there.
        LocalRedisServer server = new LocalRedisServer(port, dir, List.of("redis-server", "--bind", "127.0.0.1", "127.0.0.2",
                "--port", "0",
                "--tls-port", Integer.toString(port), "--tls-cert-file", cert.toString(), "--tls-key-file",
                key.toString(), "--tls-auth-clients", "no", "--save", "", "--appendonly", "no"), true);
        server.launch();
        return server;
    }

    /** The PEM certificate of a {@link #startTls()} server. */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** {@code kill -9}: no shutdown, no goodbye to clients. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            process = null;
        }
    }

    /** Starts the same server again on the same port, empty. */
    public void restart() {
        kill();
        launch();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        destroyNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // JVM already shutting down: the hook runs anyway
        }
        deleteRecursively(dir);
    }

    private void launch() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-server (is it installed?)", e);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + log());
            }
            if (tls ? accepts() : answers()) {
                return;
            }
            sleep(20);
        }
        destroyNow();
        throw new IllegalStateException("redis-server did not answer on port " + port + ": " + log());
    }

    /** A TLS server cannot be pinged in plain text; accepting connections is enough. */
    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(cmd[0] + ".log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Commands the server has processed since it started ({@code INFO stats}): benchmarks count a workload's round trips. */
    public long commandsProcessed() {
        try (redis.clients.jedis.Jedis client = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
            for (String line : client.info("stats").split("\r\n")) {
                if (line.startsWith("total_commands_processed:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return 0;
        }
    }

    /** Bytes the server's allocator holds for data ({@code used_memory} of {@code INFO memory}): benchmarks size a data set. */
    /** The server's CPU so far, user and system ({@code INFO cpu}), in seconds. */
    public double cpuSeconds() {
        try (redis.clients.jedis.Jedis client = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
            double seconds = 0;
            for (String line : client.info("cpu").split("\r\n")) {
                if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                    seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return seconds;
        }
    }

    public long usedMemory() {
        try (redis.clients.jedis.Jedis client = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
            for (String line : client.info("memory").split("\r\n")) {
                if (line.startsWith("used_memory:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return 0;
        }
    }

    /** Any reply to PING, even NOAUTH, means the server is up. */
    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return in.read() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void destroyNow() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    waitFor(p);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        process = null;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("mscluster-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temp dir
        }
    }
}
