/**
 * mediasoup's {@code ortc} module: validation of endpoint-supplied RTP and SCTP data, router RTP
 * capabilities, and the payload-type, SSRC and header-extension negotiation between producers,
 * routers and consumers.
 *
 * <p>Kept a faithful port, rule for rule and message for message, because browsers running
 * mediasoup-client are negotiated against it: any divergence from Node shows up as media that does
 * not flow. Functions return new values where Node mutates its arguments.
 */
package org.mscluster.mediasoup.ortc;
