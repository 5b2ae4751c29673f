package org.mscluster.cluster.mesh;

import java.util.concurrent.CompletionStage;

/** What a node does with what other nodes send it; called on one thread at a time, in arrival order. */
public interface MeshHandler {

    /** A one-way message from node {@code from}. */
    void onMessage(String from, String body);

    /** A request from node {@code from}; the answer (or the failure's message) goes back to it. */
    CompletionStage<String> onRequest(String from, String body);
}
