package org.mscluster.cluster.events;

import org.mscluster.cluster.model.NodeIdentity;

/** Hears the cluster's node events; the signaling server turns them into webhooks. */
public interface NodeEventListener {

    void up(NodeIdentity node);

    void draining(NodeIdentity node);

    void down(NodeIdentity node, String reason);
}
