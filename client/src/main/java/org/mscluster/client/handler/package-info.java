/**
 * The mediasoup-client handler logic in Java: a local session description from webrtc-java turned into
 * mediasoup RTP parameters, and the remote one built from the transport's ICE/DTLS parameters and the
 * router's side (a send transport is answered; a receive transport is offered one m-section per consumer).
 * Unified Plan, one BUNDLE per transport, no simulcast.
 */
package org.mscluster.client.handler;
