package org.mscluster.mediasoup.data;

/** Where a data producer lives in the worker: its router, its transport (which closes it) and its own id. */
public record DataProducerInternal(String routerId, String transportId, String dataProducerId) {
}
