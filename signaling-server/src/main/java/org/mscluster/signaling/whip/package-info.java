/**
 * WHIP ingest (RFC 9725) and WHEP playback over plain HTTP: each session is a peer of its room,
 * joined through an in-VM protoo connection ({@link org.mscluster.signaling.whip.InVmProtoo}), so
 * it passes the same placement, limits, fan-out, dashboard, {@code /api/cluster} and webhooks as a
 * browser's WebSocket peer. SDP is converted with the {@code mscluster-sdp} module.
 */
package org.mscluster.signaling.whip;
