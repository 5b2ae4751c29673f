/**
 * DataProducer and DataConsumer: SCTP (data channel) or direct messages into and out of a router, with
 * their options, dumps and stats.
 */
package org.mscluster.mediasoup.data;
