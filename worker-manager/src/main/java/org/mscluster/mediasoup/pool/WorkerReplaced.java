package org.mscluster.mediasoup.pool;

import org.mscluster.mediasoup.worker.Worker;

/**
 * Payload of {@link WorkerPool#WORKER_REPLACED}: {@code replacement} runs in {@code slot} instead of
 * {@code previous}, which died; {@code attempts} is how many starts it took.
 */
public record WorkerReplaced(int slot, Worker previous, Worker replacement, int attempts) {
}
