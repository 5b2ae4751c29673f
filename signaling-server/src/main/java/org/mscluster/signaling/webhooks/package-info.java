/**
 * Webhooks: room and peer events from the node that hosts them, node events from a standalone node or from
 * the one dispatcher holding the cluster's node-events lease; signed with the namespace's secret (HMAC-SHA256),
 * in order per room, retried while the receiver is down.
 */
package org.mscluster.signaling.webhooks;
