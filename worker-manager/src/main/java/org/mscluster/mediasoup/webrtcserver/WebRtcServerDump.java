package org.mscluster.mediasoup.webrtcserver;

import java.util.List;

/** {@code webRtcServer.dump()}: its sockets and the WebRtcTransports (and their ICE usernames) it serves. */
public record WebRtcServerDump(
        String id,
        List<IpPort> udpSockets,
        List<IpPort> tcpServers,
        List<String> webRtcTransportIds,
        List<IceUserNameFragment> localIceUsernameFragments) {

    public record IpPort(String ip, int port) {
    }

    public record IceUserNameFragment(String localIceUsernameFragment, String webRtcTransportId) {
    }
}
