package org.mscluster.signaling.egress;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ThreadLocalRandom;

/** UDP ports on loopback for ffmpeg's RTP inputs: an even port and the next one (RTCP), free now. */
final class UdpPorts {

    /** Far from mediasoup's default range start and from the ephemeral range; the worker takes its own ports elsewhere. */
    private static final int FIRST = 20_000;
    private static final int LAST = 29_998;

    private UdpPorts() {
    }

    /** An even port whose next port is free too. */
    static int freePair() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST + 2 * ThreadLocalRandom.current().nextInt((LAST - FIRST) / 2);
            if (free(port) && free(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free UDP port pair on loopback between " + FIRST + " and " + (LAST + 1));
    }

    /** Whether nobody holds {@code port} on loopback (ffmpeg binds its inputs' ports as it starts). */
    static boolean free(int port) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (BindException e) {
            return false;
        } catch (SocketException e) {
            return false;
        }
    }
}
