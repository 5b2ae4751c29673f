/**
 * The mscluster Java client SDK: {@link org.mscluster.client.RoomClient} joins a room through a dispatcher
 * or a node (following redirects, re-entering when a node is lost) with real WebRTC from webrtc-java,
 * publishes application frames or the built-in test pattern, and reports remote media and room events to a
 * {@link org.mscluster.client.RoomListener}.
 */
package org.mscluster.client;
