package org.mscluster.channel.remote;

/** The other end broke the link's protocol: the connection is closed, never answered. */
final class LinkProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LinkProtocolException(String message) {
        super(message);
    }
}
