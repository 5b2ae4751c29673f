/**
 * A media node's life in the cluster: {@link org.mscluster.cluster.agent.ClusterAgent} registers
 * it, reports its load every second ({@link org.mscluster.cluster.agent.NodeHeartbeat}, which
 * also rebuilds the node's directory entries after a Redis restart), drains it, and cleans up
 * after departed nodes ({@link org.mscluster.cluster.agent.DepartedNodeSweeper}).
 */
package org.mscluster.cluster.agent;
