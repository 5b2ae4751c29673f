package org.mscluster.channel;

/** A channel failure as the bare channel reports it; the mediasoup API turns these into its own errors. */
public class ChannelException extends RuntimeException {

    private final ChannelFailure failure;

    public ChannelException(ChannelFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public ChannelFailure failure() {
        return failure;
    }
}
