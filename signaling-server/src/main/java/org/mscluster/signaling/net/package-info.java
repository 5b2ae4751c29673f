/**
 * The node's one listening port: the Netty bootstrap, the pipeline (TLS → HTTP codec → aggregator
 * → connection gate → HTTP refusals (sizes) → handshake check → HTTP router → WebSocket protocol →
 * frame aggregator → protoo), the handshake rules of PROTOCOL.md, the port's limits and the TLS material.
 */
package org.mscluster.signaling.net;
