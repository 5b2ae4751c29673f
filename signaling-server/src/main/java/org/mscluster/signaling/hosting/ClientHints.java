package org.mscluster.signaling.hosting;

/**
 * What the client said about itself that placement may use; any field may be null.
 *
 * @param address the client's IP literal, for locating it by a CIDR table when it names no region or ISP
 */
public record ClientHints(String peerId, String region, String isp, String token, String address) {

    public ClientHints(String peerId, String region, String isp, String token) {
        this(peerId, region, isp, token, null);
    }

    public static ClientHints none() {
        return new ClientHints(null, null, null, null, null);
    }
}
