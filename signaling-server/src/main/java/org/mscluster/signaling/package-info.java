/**
 * A media node's signaling server: {@link org.mscluster.signaling.NodeServer} starts the workers,
 * the rooms and the one HTTP + WebSocket port from a {@link org.mscluster.signaling.NodeConfig}.
 * Read the sub-packages in the order a request travels: {@code net} (the port) → {@code http} or
 * {@code protoo} (the wire) → {@code hosting} (is this room ours?) → {@code room} → {@code media}.
 */
package org.mscluster.signaling;
