package org.mscluster.cluster.mesh;

class InMemoryNodeMeshTest extends NodeMeshContract {
    private final InMemoryNodeMesh mesh = new InMemoryNodeMesh();

    @Override
    protected NodeMesh mesh() {
        return mesh;
    }

    @Override
    protected int pendingRequests() {
        return mesh.pendingRequests();
    }
}
