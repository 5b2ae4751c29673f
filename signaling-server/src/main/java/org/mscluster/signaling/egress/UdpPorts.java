package org.mscluster.signaling.egress;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** UDP ports on loopback for ffmpeg's RTP inputs: an even port and the next one (RTCP), free now. */
final class UdpPorts {

    /** Far from mediasoup's default range start and from the ephemeral range; the worker takes its own ports elsewhere. */
    private static final int FIRST = 20_000;
    private static final int LAST = 29_998;

    private UdpPorts() {
    }

    /**
     * How long a pair handed out is not handed out again: a port stays free until its ffmpeg binds it, so without
     * this two inputs of one segment (or two egresses starting together) could be given the same pair (CI: two
     * video sections of one SDP on one port, and ffmpeg refused the SDP). ffmpeg binds within seconds; after that
     * the port is seen taken anyway.
     */
    static final long HOLD_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Map<Integer, Long> GIVEN = new ConcurrentHashMap<>();

    /** An even port whose next port is free too, not handed out in the last {@link #HOLD_NANOS}. */
    static int freePair() {
        long now = System.nanoTime();
        GIVEN.values().removeIf(at -> now - at > HOLD_NANOS);
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST + 2 * ThreadLocalRandom.current().nextInt((LAST - FIRST) / 2);
            if (GIVEN.putIfAbsent(port, now) != null) {
                continue;
            }
            if (free(port) && free(port + 1)) {
                return port;
            }
            GIVEN.remove(port);
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
