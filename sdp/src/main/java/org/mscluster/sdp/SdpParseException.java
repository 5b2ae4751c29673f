package org.mscluster.sdp;

/** An SDP that cannot be read: the message says which line and why, fit for a 400 response. */
public class SdpParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SdpParseException(String message) {
        super(message);
    }
}
