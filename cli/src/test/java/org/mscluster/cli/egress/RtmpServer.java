package org.mscluster.cli.egress;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mscluster.cli.TestProcesses;

/**
 * nginx with Debian's RTMP module ({@code libnginx-mod-rtmp}) on a free loopback port, in the
 * foreground, with its configuration, logs and pid under {@code prefix}: an RTMP server for egress
 * tests. Streams are published to and played from {@code rtmp://127.0.0.1:port/live/<key>}.
 */
final class RtmpServer implements AutoCloseable {

    static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    private final Process process;
    final int port;

    private RtmpServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RtmpServer start(Path prefix) throws IOException, InterruptedException {
        Files.createDirectories(prefix.resolve("logs"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, """
                load_module %s;
                daemon off;
                master_process off;
                worker_processes 1;
                error_log %s info;
                pid %s;
                events { worker_connections 64; }
                rtmp {
                    server {
                        listen 127.0.0.1:%d;
                        chunk_size 4096;
                        application live { live on; record off; }
                    }
                }
                """.formatted(MODULE, prefix.resolve("logs/error.log"), prefix.resolve("nginx.pid"), port));
        Process process = new ProcessBuilder("nginx", "-p", prefix.toString(), "-e", prefix.resolve("logs/error.log").toString(),
                "-c", conf.toString()).redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        RtmpServer server = new RtmpServer(process, port);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(prefix.resolve("logs/error.log")));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
    }

    String url(String key) {
        return "rtmp://127.0.0.1:" + port + "/live/" + key;
    }

    @Override
    public void close() {
        TestProcesses.stop(process, Duration.ofSeconds(5));
    }
}
