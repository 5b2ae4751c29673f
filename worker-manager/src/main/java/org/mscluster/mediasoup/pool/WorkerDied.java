package org.mscluster.mediasoup.pool;

import java.time.Duration;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.worker.Worker;

/**
 * Payload of {@link WorkerPool#WORKER_DIED}: the worker in {@code slot} ended without being closed
 * ({@code error} says how); its routers and everything in them are gone. A replacement starts in
 * {@code replacementIn}.
 */
public record WorkerDied(int slot, Worker worker, MediasoupException error, Duration replacementIn) {
}
