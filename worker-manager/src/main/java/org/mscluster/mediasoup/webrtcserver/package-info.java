/**
 * WebRtcServer: one UDP/TCP port pair on which many WebRTC transports of a worker listen, so a
 * firewall needs to know only those ports.
 */
package org.mscluster.mediasoup.webrtcserver;
