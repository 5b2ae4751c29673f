/**
 * Egress: a room (or some of its producers) forwarded to an RTMP server or recorded to storage by one
 * {@code ffmpeg} per egress, fed by PlainTransport consumers on the room's router. {@link
 * org.mscluster.signaling.egress.EgressManager} holds a node's egresses, {@link
 * org.mscluster.signaling.egress.EgressApi} is their HTTP API, {@link
 * org.mscluster.signaling.egress.EgressSession} runs one.
 */
package org.mscluster.signaling.egress;
