/**
 * What makes a node a member of a cluster, and a node alone a cluster of one: its
 * {@link org.mscluster.signaling.cluster.ClusterSettings} (the store, its identity, placement), the room
 * hosting that asks the room directory through cluster-agent's placement (and redirects clients of rooms
 * that live elsewhere), and the reconciler that keeps the directory's entries for the node equal to its
 * rooms. The node at the package root assembles them with cluster-agent's agent.
 */
package org.mscluster.signaling.cluster;
