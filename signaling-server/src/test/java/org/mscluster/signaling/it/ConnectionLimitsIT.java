package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.net.ConnectionGate;
import org.mscluster.signaling.net.WebSocketLimits;

/**
 * What one client address may hold of a node, over raw sockets (so that no client library keeps
 * connections of its own): up to the limit of open connections every one is served, the next gets
 * a 429 JSON answer and is closed, and a connection that does not finish its first request in time
 * is dropped; the node serves again once connections are released. What all clients together may
 * hold: a few connections waiting for their first request, the next is answered 503 at once. And the
 * sizes of a request: a URL or headers over the limits get 414 / 431 JSON, not a reset connection.
 */
class ConnectionLimitsIT {

    private static final int PER_ADDRESS = 4;
    private static final int HANDSHAKES = 3;
    private static NodeServer node;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(1, config -> config.webSocketLimits(WebSocketLimits.defaults()
                .withConnections(new ConnectionGate.Settings(PER_ADDRESS, Duration.ofMillis(1500), HANDSHAKES))));
        port = node.address().getPort();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anAddressGetsItsConnectionsUpToTheLimitThenA429() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                held.add(socket);
                assertThat(exchange(socket, "keep-alive")).startsWith("HTTP/1.1 200");
            }
            try (Socket extra = new Socket("127.0.0.1", port)) {
                String answer = exchange(extra, "keep-alive");
                assertThat(answer).startsWith("HTTP/1.1 429").contains("too many connections from this address (at most 4)");
                assertThat(readToEnd(extra.getInputStream())).as("closed after the refusal").isEmpty();
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // Released: served again (the node notices the closes at once; give it a moment).
        Thread.sleep(300);
        try (Socket again = new Socket("127.0.0.1", port)) {
            assertThat(exchange(again, "close")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aConnectionThatDoesNotFinishItsFirstRequestIsDropped() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(10_000);
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            // The request never ends: the node closes the connection at its deadline, long before our read timeout.
            assertThat(readToEnd(slow.getInputStream())).isEmpty();
        }
        try (Socket normal = new Socket("127.0.0.1", port)) {
            assertThat(exchange(normal, "close")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void connectionsWaitingForTheirFirstRequestAreLimitedNodeWide() throws Exception {
        double before = metric("handshakes_in_flight");
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < HANDSHAKES; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                halfOpen.add(socket);
            }
            Thread.sleep(300); // the node has taken them in
            try (Socket extra = new Socket("127.0.0.1", port)) {
                String answer = readResponse(extra);
                assertThat(answer).startsWith("HTTP/1.1 503")
                        .contains("application/json")
                        .contains("\"error\":\"too many connections being opened right now (at most 3); try again\"");
                assertThat(readToEnd(extra.getInputStream())).as("closed after the refusal").isEmpty();
            }
            // The deadline drops the half-open ones, which frees their places.
            for (Socket socket : halfOpen) {
                assertThat(readToEnd(socket.getInputStream())).isEmpty();
            }
        } finally {
            for (Socket socket : halfOpen) {
                socket.close();
            }
        }
        try (Socket normal = new Socket("127.0.0.1", port)) {
            assertThat(exchange(normal, "close")).startsWith("HTTP/1.1 200");
        }
        assertThat(metric("handshakes_in_flight")).isEqualTo(before + 1);
    }

    @Test
    void aUrlOverTheLimitGets414AndHeadersOverTheLimit431() throws Exception {
        // Within the defaults (8 KiB request line, 16 KiB headers), both more than Netty's own defaults.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(request(socket, "/health?pad=" + "a".repeat(7000), "")).startsWith("HTTP/1.1 200");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(request(socket, "/health", "X-Pad: " + "b".repeat(15_000) + "\r\n")).startsWith("HTTP/1.1 200");
        }
        double urls = metric("url_size");
        double headers = metric("header_size");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String answer = request(socket, "/health?pad=" + "a".repeat(9000), "");
            assertThat(answer).startsWith("HTTP/1.1 414")
                    .contains("{\"error\":\"request line (method, URL, version) over 8192 bytes\",\"status\":414}");
            assertThat(readToEnd(socket.getInputStream())).as("closed after the answer").isEmpty();
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String answer = request(socket, "/health", "X-Pad: " + "b".repeat(17_000) + "\r\n");
            assertThat(answer).startsWith("HTTP/1.1 431")
                    .contains("{\"error\":\"request headers over 16384 bytes\",\"status\":431}");
            assertThat(readToEnd(socket.getInputStream())).as("closed after the answer").isEmpty();
        }
        // A WebSocket upgrade is held to the same sizes, before the handshake checks.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String answer = request(socket, "/?roomId=r&peerId=p&token=" + "c".repeat(9000),
                    "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: protoo\r\n");
            assertThat(answer).startsWith("HTTP/1.1 414");
        }
        assertThat(metric("url_size")).isEqualTo(urls + 2);
        assertThat(metric("header_size")).isEqualTo(headers + 1);
        try (Socket normal = new Socket("127.0.0.1", port)) {
            assertThat(exchange(normal, "close")).startsWith("HTTP/1.1 200");
        }
    }

    /** Sends {@code GET path} with {@code extraHeaders} in one write and reads one response. */
    private static String request(Socket socket, String path, String extraHeaders) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return readResponse(socket);
    }

    /**
     * The node's {@code mscluster_refusals_total} for {@code reason}, over a raw connection closed at once (a
     * pooled client connection would hold one of this address's few places).
     */
    private static double metric(String reason) throws Exception {
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            response = request(socket, "/metrics", "Connection: close\r\n");
        }
        return response.lines().filter(l -> l.startsWith("mscluster_refusals_total{") && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    /** Sends {@code GET /health} and reads one response (headers and its Content-Length body). */
    private static String exchange(Socket socket, String connection) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: " + connection + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return readResponse(socket);
    }

    /** Reads one response: headers and its Content-Length body. */
    private static String readResponse(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
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
        byte[] body = in.readNBytes(length);
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    private static String readToEnd(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return "(still open)";
        }
    }
}
