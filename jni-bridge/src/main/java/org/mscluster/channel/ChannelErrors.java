package org.mscluster.channel;

/**
 * Makes the exceptions a channel fails with. The channel knows why a request failed; the layer above
 * knows which exception its own users expect (the mediasoup API's {@code TypeError},
 * {@code NotFoundError}, …), so it passes its factory in and the bridge never names those classes.
 */
@FunctionalInterface
public interface ChannelErrors {

    /** {@link ChannelException}s: for users of the bare channel (tests, benchmarks). */
    ChannelErrors PLAIN = ChannelException::new;

    RuntimeException create(ChannelFailure failure, String message);
}
