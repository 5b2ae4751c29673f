package org.mscluster.mediasoup.pool;

import java.util.concurrent.atomic.AtomicInteger;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.worker.Worker;

/**
 * Counts what one worker holds from the observer events of its object tree: a router, transport,
 * producer or consumer is counted when its {@code new…} event fires and uncounted on its observer's
 * {@code close} (which fires, once, however it closed: by itself, with its parent or with the
 * worker). Routers the pool is creating count in advance, so that routers asked for at once spread.
 */
final class LoadTracker {

    private final AtomicInteger routers = new AtomicInteger();
    private final AtomicInteger pendingRouters = new AtomicInteger();
    private final AtomicInteger transports = new AtomicInteger();
    private final AtomicInteger producers = new AtomicInteger();
    private final AtomicInteger consumers = new AtomicInteger();

    LoadTracker(Worker worker) {
        worker.observer().on(Worker.NEW_ROUTER, this::track);
    }

    WorkerLoad snapshot() {
        return new WorkerLoad(routers.get() + pendingRouters.get(), transports.get(), producers.get(), consumers.get());
    }

    void routerRequested() {
        pendingRouters.incrementAndGet();
    }

    void routerRequestDone() {
        pendingRouters.decrementAndGet();
    }

    private void track(Router router) {
        routers.incrementAndGet();
        router.observer().on(Router.OBSERVER_CLOSE, nothing -> routers.decrementAndGet());
        router.observer().on(Router.NEW_TRANSPORT, this::track);
    }

    private void track(Transport transport) {
        transports.incrementAndGet();
        transport.observer().on(Transport.OBSERVER_CLOSE, nothing -> transports.decrementAndGet());
        transport.observer().on(Transport.NEW_PRODUCER, this::track);
        transport.observer().on(Transport.NEW_CONSUMER, this::track);
    }

    private void track(Producer producer) {
        producers.incrementAndGet();
        producer.observer().on(Producer.OBSERVER_CLOSE, nothing -> producers.decrementAndGet());
    }

    private void track(Consumer consumer) {
        consumers.incrementAndGet();
        consumer.observer().on(Consumer.OBSERVER_CLOSE, nothing -> consumers.decrementAndGet());
    }
}
