/**
 * A media node's signaling server: {@link org.mscluster.signaling.NodeServer} assembles, once, the
 * workers, the rooms, the one HTTP + WebSocket port, the node's operations and its membership of the
 * cluster (the in-memory cluster store when it runs alone) from a {@link org.mscluster.signaling.NodeConfig}
 * and {@link org.mscluster.signaling.cluster.ClusterSettings}. Read the sub-packages in the order a request
 * travels: {@code net} (the port) → {@code http} or {@code protoo} (the wire) → {@code hosting} and
 * {@code cluster} (is this room ours?) → {@code room} → {@code media}. No sub-package imports this one.
 */
package org.mscluster.signaling;
