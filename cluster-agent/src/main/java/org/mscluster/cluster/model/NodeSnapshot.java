package org.mscluster.cluster.model;

import java.util.Objects;

/** A live node as the registry last heard of it: who it is and how loaded it was. */
public record NodeSnapshot(NodeIdentity identity, NodeLoad load) {
    public NodeSnapshot {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(load, "load");
    }

    public String id() {
        return identity.id();
    }
}
