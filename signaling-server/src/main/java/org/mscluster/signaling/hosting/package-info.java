/**
 * "Which worker hosts this room": the one question the signaling layer asks the cluster. {@link
 * org.mscluster.signaling.hosting.RoomHosting} is the seam; {@link
 * org.mscluster.signaling.hosting.LeastLoadedLocalHosting} answers it for a standalone node, and a
 * cluster-agent backed implementation will answer it from the room directory (and say "elsewhere",
 * which becomes a redirect).
 */
package org.mscluster.signaling.hosting;
