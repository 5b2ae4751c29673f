package org.mscluster.mediasoup.router;

import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.rtp.RtpCapabilities;

/**
 * What a transport needs from its router (Node passes these as closures): the router's current RTP
 * capabilities and its router-wide producer maps, since a transport consumes producers of any
 * transport of the router.
 */
public interface RouterLinks {

    RtpCapabilities rtpCapabilities();

    /** A producer of any transport of the router, or {@code null}. */
    Producer producer(String producerId);

    /** A data producer of any transport of the router, or {@code null}. */
    DataProducer dataProducer(String dataProducerId);
}
