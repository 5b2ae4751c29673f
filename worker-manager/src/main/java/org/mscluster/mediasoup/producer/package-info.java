/**
 * Producer: media a client sends into a router, with its options, dump, stats, scores and trace events.
 */
package org.mscluster.mediasoup.producer;
