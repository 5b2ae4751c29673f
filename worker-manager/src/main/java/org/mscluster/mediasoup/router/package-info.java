/**
 * Router: a set of transports that exchange media, its RTP capabilities, and pipeToRouter between
 * routers of the same or other workers.
 */
package org.mscluster.mediasoup.router;
