/**
 * The values transports are made of and report, under the Node layer's type names: where they
 * listen ({@link org.mscluster.mediasoup.transport.ListenInfo}), their tuples, ICE, DTLS and SRTP
 * parameters, dumps and stats; and their FlatBuffers form on the worker's channel
 * ({@link org.mscluster.mediasoup.transport.TransportFbs}, {@link org.mscluster.mediasoup.transport.IceDtlsFbs}).
 *
 * <p>The transports themselves live in {@code org.mscluster.mediasoup} beside the router that creates
 * them and the producers and consumers they create. A dump or stats entry carries the fields all
 * transports share as {@code base()} and reads them through ({@link
 * org.mscluster.mediasoup.transport.TransportDump}, {@link org.mscluster.mediasoup.transport.TransportStat}),
 * where Node spreads them into one object.
 */
package org.mscluster.mediasoup.transport;
