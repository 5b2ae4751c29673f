/**
 * Consumer: media a router sends to a client, with its options, dump, stats, scores, layers and trace
 * events.
 */
package org.mscluster.mediasoup.consumer;
