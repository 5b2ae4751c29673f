package org.mscluster.mediasoup.consumer;

/** Where a consumer lives in the worker: its router, its transport (which closes it) and its own id. */
public record ConsumerInternal(String routerId, String transportId, String consumerId) {
}
