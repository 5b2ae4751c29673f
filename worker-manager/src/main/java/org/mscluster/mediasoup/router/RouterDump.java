package org.mscluster.mediasoup.router;

import java.util.List;
import java.util.Map;

/**
 * {@code router.dump()}: its transports and RTP observers, and which consumers and observers hang off
 * which producers (the worker's view, handy for finding leaks).
 */
public record RouterDump(
        String id,
        List<String> transportIds,
        List<String> rtpObserverIds,
        Map<String, List<String>> mapProducerIdConsumerIds,
        Map<String, String> mapConsumerIdProducerId,
        Map<String, List<String>> mapProducerIdObserverIds,
        Map<String, List<String>> mapDataProducerIdDataConsumerIds,
        Map<String, String> mapDataConsumerIdDataProducerId) {
}
