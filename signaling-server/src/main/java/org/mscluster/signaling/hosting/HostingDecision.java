package org.mscluster.signaling.hosting;

import java.util.Objects;

/** Where a room lives: on one of this node's workers, or on another node the client must go to. */
public sealed interface HostingDecision {

    int workerIndex();

    /**
     * On this node, worker {@code workerIndex}.
     *
     * @param legOfExistingRoom the room lives on other nodes already and opens a leg here (cascade): not a
     *     new room as far as a client address's share of new rooms goes
     */
    record Local(int workerIndex, boolean legOfExistingRoom) implements HostingDecision {
        public Local {
            if (workerIndex < 0) {
                throw new IllegalArgumentException("worker index must be >= 0");
            }
        }

        public Local(int workerIndex) {
            this(workerIndex, false);
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
