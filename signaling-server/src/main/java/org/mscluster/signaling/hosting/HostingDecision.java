package org.mscluster.signaling.hosting;

import java.util.Objects;

/** Where a room lives: on one of this node's workers, or on another node the client must go to. */
public sealed interface HostingDecision {

    int workerIndex();

    /** On this node, worker {@code workerIndex}. */
    record Local(int workerIndex) implements HostingDecision {
        public Local {
            if (workerIndex < 0) {
                throw new IllegalArgumentException("worker index must be >= 0");
            }
        }
    }

    /**
     * On another node.
     *
     * @param signalingUrl that node's WebSocket base, e.g. {@code wss://10.0.0.7:4443/}; the query is added per client
     */
    record Elsewhere(String nodeId, String signalingUrl, int workerIndex, String reason) implements HostingDecision {
        public Elsewhere {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(signalingUrl, "signalingUrl");
        }
    }
}
