package org.mscluster.signaling.egress;

/**
 * Told of every egress's life, for webhooks and metrics: {@code started} once its output is open,
 * {@code updated} when it starts a new segment (restarted, or the composite changed), {@code ended}
 * once, with its final status; {@code lost} for one whose egress-only node died. Calls must return quickly.
 */
public interface EgressListener {

    default void started(EgressSession egress) {
    }

    default void updated(EgressSession egress, String why) {
    }

    default void ended(EgressSession egress) {
    }

    /**
     * An egress of a room hosted here that ran on an egress-only node found dead: it is {@code failed} here, and
     * this node is the only one left to tell of its end.
     */
    default void lost(RemoteEgress egress) {
    }
}
