package org.mscluster.signaling.hosting;

/** What the client said about itself that placement may use; any field may be null. */
public record ClientHints(String peerId, String region, String isp, String token) {

    public static ClientHints none() {
        return new ClientHints(null, null, null, null);
    }
}
