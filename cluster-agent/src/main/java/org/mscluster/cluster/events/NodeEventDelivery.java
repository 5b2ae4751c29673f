package org.mscluster.cluster.events;

/**
 * How one delivery of a node event ended, as its listener tells it: delivered, or given up with the
 * receiver's last answer, which the dead letter then keeps (an operator looking at a dead letter
 * needs to know whether the receiver refused it, was down, or timed out).
 *
 * @param lastError the last attempt's failure as the sender saw it ({@code HTTP 503}, an exception);
 *     null when delivered or when the listener does not know
 * @param attempts delivery attempts made; 0 when the listener does not count them
 */
public record NodeEventDelivery(boolean delivered, String lastError, int attempts) {

    public static final NodeEventDelivery DELIVERED = new NodeEventDelivery(true, null, 0);

    public NodeEventDelivery {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0");
        }
    }

    public static NodeEventDelivery givenUp(String lastError, int attempts) {
        return new NodeEventDelivery(false, lastError, attempts);
    }
}
