/**
 * The dispatcher ({@code mscluster dispatcher start}): {@link
 * org.mscluster.signaling.dispatcher.DispatcherServer} answers every protoo socket with a redirect to
 * the node and worker of its room, every WHIP/WHEP POST with a 307 there, and serves {@code /api/dispatch}; {@link
 * org.mscluster.signaling.dispatcher.Dispatcher} is the decision both share (token, client location,
 * one atomic room-directory round trip). It reuses the node's Netty pipeline and holds no state.
 */
package org.mscluster.signaling.dispatcher;
