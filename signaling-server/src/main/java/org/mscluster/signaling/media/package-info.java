/**
 * The node's mediasoup workers: started together, one single-port {@code WebRtcServer} each, and
 * the codecs every room's router offers.
 */
package org.mscluster.signaling.media;
