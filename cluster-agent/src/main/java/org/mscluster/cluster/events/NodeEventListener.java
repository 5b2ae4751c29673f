package org.mscluster.cluster.events;

import java.util.concurrent.CompletionStage;

/** Delivers the cluster's node events; the signaling server turns them into webhooks. */
public interface NodeEventListener {

    /**
     * Delivers one event. Completes with true once every receiver has it, with false when delivery was
     * given up (its retries ran out: the event is dead-lettered), exceptionally when it could not be
     * finished here (the sender closed): the event stays in the outbox for whoever holds the lease next.
     */
    CompletionStage<Boolean> deliver(NodeEvent event);

    /**
     * {@link #deliver}, with the receiver's last answer and the attempts when delivery was given up,
     * for the dead letter. A listener that knows them overrides this; the default knows neither.
     */
    default CompletionStage<NodeEventDelivery> deliverReporting(NodeEvent event) {
        return deliver(event).thenApply(delivered -> delivered ? NodeEventDelivery.DELIVERED
                : NodeEventDelivery.givenUp(null, 0));
    }
}
