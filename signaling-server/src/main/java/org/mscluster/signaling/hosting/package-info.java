/**
 * "Which worker hosts this room": the one question the signaling layer asks the cluster.
 * {@link org.mscluster.signaling.hosting.RoomHosting} is the seam; the cluster package answers it from the
 * room directory on every node, alone or in a cluster (and may say "elsewhere", which becomes a redirect).
 */
package org.mscluster.signaling.hosting;
