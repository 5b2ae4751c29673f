/**
 * Which media nodes are alive: identities and load reports held under short leases, so a node
 * that dies drops out without anyone detecting it. The interface and its in-memory
 * implementation live here; the Redis one is in {@code org.mscluster.cluster.redis}.
 */
package org.mscluster.cluster.registry;
