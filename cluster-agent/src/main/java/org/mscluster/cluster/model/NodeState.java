package org.mscluster.cluster.model;

/** Whether a node accepts new rooms. */
public enum NodeState {
    /** Serving and accepting new rooms. */
    UP,
    /** Serving its existing rooms until they empty, taking no new ones. */
    DRAINING
}
