/**
 * The admin API ({@code /api/cluster}, kick, close, drain) and who may use it: admin tokens scoped to a
 * namespace or to the whole cluster. It reads the cluster through a {@link org.mscluster.signaling.admin.ClusterSource}
 * and acts through {@link org.mscluster.signaling.admin.AdminActions}: on a node, the node itself; on a
 * dispatcher, every node's report and command channel in the cluster store.
 */
package org.mscluster.signaling.admin;
