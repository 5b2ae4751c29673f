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
}
