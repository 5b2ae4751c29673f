/**
 * Admin commands between the cluster's entry points and its nodes: a dispatcher asks the node that
 * hosts a room to kick a peer, close the room or drain, and waits a bounded time for its answer.
 * The transport is the cluster store's (Redis pub/sub and a reply list, or direct calls in memory),
 * so the signaling server never names a Redis key.
 */
package org.mscluster.cluster.command;
