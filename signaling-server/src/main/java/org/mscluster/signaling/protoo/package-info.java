/**
 * The protoo protocol of mediasoup-demo over a Netty WebSocket channel: the JSON framing ({@link
 * org.mscluster.signaling.protoo.ProtooCodec}), a peer with its table of in-flight server→client
 * requests ({@link org.mscluster.signaling.protoo.ProtooPeer}) and the channel handler that feeds it
 * ({@link org.mscluster.signaling.protoo.ProtooFrameHandler}). Nothing here knows about rooms or
 * mediasoup; the room layer plugs in through {@link org.mscluster.signaling.protoo.PeerAcceptor}.
 */
package org.mscluster.signaling.protoo;
