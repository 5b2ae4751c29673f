/**
 * A node as a member of the cluster: {@link org.mscluster.signaling.cluster.ClusterNode} wires the
 * {@link org.mscluster.signaling.NodeServer} to cluster-agent: a room hosting that asks the room
 * directory (and redirects clients of rooms that live elsewhere), the agent that registers the node
 * and reports its load, a reconciler that keeps the directory's entries for the node equal to its
 * rooms, and draining.
 */
package org.mscluster.signaling.cluster;
