package org.mscluster.mediasoup.producer;

/** Where a producer lives in the worker: its router, its transport (which closes it) and its own id. */
public record ProducerInternal(String routerId, String transportId, String producerId) {
}
