package org.mscluster.cluster.mesh;

/**
 * Nobody listens on the addressed node's channel: the node is gone, or has lost its connection to the
 * mesh for now. Unlike a timeout or an unreachable mesh, it says something about that node itself.
 */
public class NotListeningException extends MeshException {
    private static final long serialVersionUID = 1L;

    public NotListeningException(String nodeId) {
        super("node " + nodeId + " does not listen");
    }
}
