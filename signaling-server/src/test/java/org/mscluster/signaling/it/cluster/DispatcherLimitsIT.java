package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.net.ConnectionGate;
import org.mscluster.signaling.net.WebSocketLimits;
import org.mscluster.signaling.testing.ClusterFixture;

/**
 * A dispatcher holds its port to the same limits as a node, over raw sockets: a few connections
 * waiting for their first request, the next answered 503 JSON at once; a URL over the limit on
 * {@code /api/dispatch} answered 414 JSON; both counted in its own {@code mscluster_refusals_total{reason}}.
 */
class DispatcherLimitsIT {

    private static final int HANDSHAKES = 2;
    private static ClusterFixture cluster;
    private static DispatcherServer dispatcher;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        dispatcher = cluster.dispatcher(config -> config.webSocketLimits(WebSocketLimits.defaults()
                .withConnections(new ConnectionGate.Settings(256, Duration.ofMillis(1500), HANDSHAKES))));
        port = dispatcher.address().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theDispatcherRefusesHandshakesPastItsLimitAndOversizedUrlsAndCountsThem() throws Exception {
        assertThat(metric("handshakes_in_flight")).as("every reason from the start").isZero();
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < HANDSHAKES; i++) {
                halfOpen.add(new Socket("127.0.0.1", port));
            }
            Thread.sleep(300);
            try (Socket extra = new Socket("127.0.0.1", port)) {
                assertThat(send(extra, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 503")
                        .contains("too many connections being opened right now (at most 2)");
            }
        } finally {
            for (Socket socket : halfOpen) {
                socket.close();
            }
        }
        Thread.sleep(300);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(send(socket, "GET /api/dispatch?roomId=r&peerId=p&token=" + "t".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .startsWith("HTTP/1.1 414").contains("\"status\":414");
        }
        assertThat(metric("handshakes_in_flight")).isEqualTo(1);
        assertThat(metric("url_size")).isEqualTo(1);
    }

    private double metric(String reason) throws IOException {
        String body;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            body = send(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        }
        return body.lines().filter(l -> l.startsWith("mscluster_refusals_total{") && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    /** Writes {@code request} and reads one response: headers and its Content-Length body. */
    private static String send(Socket socket, String request) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
