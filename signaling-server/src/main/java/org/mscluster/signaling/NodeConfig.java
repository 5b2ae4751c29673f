package org.mscluster.signaling;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.mscluster.mediasoup.worker.MediaHostEndpoint;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.signaling.whip.IceServerLink;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.net.TlsSettings;
import org.mscluster.signaling.net.WebSocketLimits;
import org.mscluster.signaling.egress.EgressSettings;
import org.mscluster.signaling.operations.OperationsSettings;
import org.mscluster.signaling.room.RoomSettings;

/**
 * Everything a node needs to start; build with {@link #builder()}, which holds the defaults of
 * {@code mscluster node start}.
 *
 * @param listenIp where the HTTP/WebSocket port and the WebRTC ports listen ({@code 0.0.0.0}: everywhere)
 * @param announcedIp the address clients are told for WebRTC; null picks one (see {@link #effectiveAnnouncedIp()})
 * @param rtcPort UDP and TCP port of worker 0's WebRtcServer; worker {@code i} uses {@code rtcPort + i}
 * @param webRoot directory of the web client; null serves the bundle built into the jar
 * @param access who may join which room (handshake and {@code /api/dispatch}); {@link AccessGuard#OPEN} by default
 * @param operations admin API, dashboard, metrics and webhooks settings; {@link OperationsSettings#defaults()} by default
 * @param mediaHosts media hosts the workers run on ({@code workers} on each); empty: the workers run here
 * @param rtcPorts the local workers' ports for transports outside their WebRtcServer (PipeTransports between
 *     the legs of rooms across nodes, PlainTransports), {@code [min, max]}; null: mediasoup's 10000-59999
 * @param egress where recordings go and how ffmpeg runs; {@link EgressSettings#defaults()} by default
 * @param iceServers ICE servers WHIP/WHEP answers announce ({@code Link} headers); none by default
 */
public record NodeConfig(
        String nodeId,
        String listenIp,
        String announcedIp,
        int port,
        TlsSettings tls,
        int workers,
        int rtcPort,
        WorkerMode workerMode,
        WorkerLogLevel workerLogLevel,
        WebSocketLimits webSocketLimits,
        RoomSettings roomSettings,
        Path webRoot,
        AccessGuard access,
        OperationsSettings operations,
        List<MediaHostEndpoint> mediaHosts,
        int[] rtcPorts,
        EgressSettings egress,
        List<IceServerLink> iceServers) {

    public static final int DEFAULT_PORT = 4443;
    public static final int DEFAULT_RTC_PORT = 44444;

    public NodeConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(listenIp, "listenIp");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        tls = tls == null ? TlsSettings.disabled() : tls;
        workerMode = workerMode == null ? WorkerMode.IN_PROCESS : workerMode;
        workerLogLevel = workerLogLevel == null ? WorkerLogLevel.WARN : workerLogLevel;
        webSocketLimits = webSocketLimits == null ? WebSocketLimits.defaults() : webSocketLimits;
        roomSettings = roomSettings == null ? RoomSettings.defaults() : roomSettings;
        access = access == null ? AccessGuard.OPEN : access;
        operations = operations == null ? OperationsSettings.defaults() : operations;
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
        mediaHosts = mediaHosts == null ? List.of() : List.copyOf(mediaHosts);
        if (rtcPorts != null && (rtcPorts.length != 2 || rtcPorts[0] < 1 || rtcPorts[1] > 65535 || rtcPorts[0] > rtcPorts[1])) {
            throw new IllegalArgumentException("rtcPorts must be [min, max] within 1-65535");
        }
        rtcPorts = rtcPorts == null ? null : rtcPorts.clone();
        egress = egress == null ? EgressSettings.defaults() : egress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The address put in ICE candidates: the configured one, else the listen IP when it is a real
     * address, else this host's first non-loopback IPv4 address (reachable from the LAN and from the
     * host itself), else loopback.
     */
    public String effectiveAnnouncedIp() {
        if (announcedIp != null && !announcedIp.isBlank()) {
            return announcedIp;
        }
        if (!listenIp.equals("0.0.0.0") && !listenIp.equals("::")) {
            return listenIp;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces to list: loopback below is the only safe guess.
        }
        return "127.0.0.1";
    }

    public static final class Builder {
        private String nodeId = "node-1";
        private String listenIp = "0.0.0.0";
        private String announcedIp;
        private int port = DEFAULT_PORT;
        private TlsSettings tls = TlsSettings.disabled();
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int rtcPort = DEFAULT_RTC_PORT;
        private WorkerMode workerMode = WorkerMode.IN_PROCESS;
        private WorkerLogLevel workerLogLevel = WorkerLogLevel.WARN;
        private WebSocketLimits webSocketLimits = WebSocketLimits.defaults();
        private RoomSettings roomSettings = RoomSettings.defaults();
        private Path webRoot;
        private AccessGuard access = AccessGuard.OPEN;
        private OperationsSettings operations = OperationsSettings.defaults();
        private EgressSettings egress = EgressSettings.defaults();
        private List<IceServerLink> iceServers = List.of();
        private List<MediaHostEndpoint> mediaHosts = List.of();
        private int[] rtcPorts;

        /** Ports {@code min}-{@code max} for the local workers' transports outside their WebRtcServer. */
        public Builder rtcPorts(int min, int max) {
            rtcPorts = new int[] {min, max};
            return this;
        }

        /** Runs the workers on these media hosts, {@code workers} on each, instead of here. */
        public Builder mediaHosts(List<MediaHostEndpoint> value) {
            mediaHosts = value;
            return this;
        }

        public Builder nodeId(String value) {
            nodeId = value;
            return this;
        }

        public Builder listenIp(String value) {
            listenIp = value;
            return this;
        }

        public Builder announcedIp(String value) {
            announcedIp = value;
            return this;
        }

        /** 0 binds any free port (tests). */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder tls(TlsSettings value) {
            tls = value;
            return this;
        }

        public Builder workers(int value) {
            workers = value;
            return this;
        }

        public Builder rtcPort(int value) {
            rtcPort = value;
            return this;
        }

        public Builder workerMode(WorkerMode value) {
            workerMode = value;
            return this;
        }

        public Builder workerLogLevel(WorkerLogLevel value) {
            workerLogLevel = value;
            return this;
        }

        public Builder webSocketLimits(WebSocketLimits value) {
            webSocketLimits = value;
            return this;
        }

        public Builder roomSettings(RoomSettings value) {
            roomSettings = value;
            return this;
        }

        public Builder webRoot(Path value) {
            webRoot = value;
            return this;
        }

        /** Token checks for joins; cluster mode passes a {@link org.mscluster.signaling.access.TokenAccessGuard}. */
        public Builder access(AccessGuard value) {
            access = value;
            return this;
        }

        /** Admin API, dashboard, metrics, webhooks (and the namespace secrets they use). */
        public Builder operations(OperationsSettings value) {
            operations = value;
            return this;
        }

        /** Egress: the recordings' directory, S3 storage, ffmpeg. */
        public Builder egress(EgressSettings value) {
            egress = value;
            return this;
        }

        /** ICE servers WHIP/WHEP answers announce in {@code Link} headers (RFC 9725 section 4.6). */
        public Builder iceServers(List<IceServerLink> value) {
            iceServers = value;
            return this;
        }

        public NodeConfig build() {
            return new NodeConfig(nodeId, listenIp, announcedIp, port, tls, workers, rtcPort, workerMode, workerLogLevel,
                    webSocketLimits, roomSettings, webRoot, access, operations, mediaHosts, rtcPorts, egress, iceServers);
        }
    }
}
