package org.mscluster.mediasoup.data;

/** Where a data consumer lives in the worker: its router, its transport (which closes it) and its own id. */
public record DataConsumerInternal(String routerId, String transportId, String dataConsumerId) {
}
