package org.mscluster.cluster.mesh;

/** A request to another node that got no answer: nobody listening, the handler failed, or a timeout. */
public class MeshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MeshException(String message) {
        super(message);
    }
}
