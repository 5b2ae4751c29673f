package org.mscluster.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

/** Ports for the nodes a benchmark starts in its own process. */
final class BenchPorts {

    private BenchPorts() {
    }

    /** A port free for both TCP and UDP now: a node's WebRTC server port. */
    static int freeRtcPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + (int) (Math.random() * 30_000);
            try (ServerSocket tcp = new ServerSocket(port); DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IOException("no free port");
    }
}
