package org.mscluster.signaling.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.mediasoup.Consumer;
import org.mscluster.mediasoup.Producer;
import org.mscluster.mediasoup.Router;
import org.mscluster.mediasoup.Transport;
import org.mscluster.mediasoup.Worker;
import org.mscluster.signaling.media.MediaWorker;

/**
 * Live producers and consumers per worker, kept from the mediasoup observer events (newrouter →
 * newtransport → newproducer / newconsumer, and their close), so a load report never has to ask
 * the rooms or the workers anything. Attach before the first room is created.
 */
final class WorkerMediaCounts {

    private final List<Counts> workers;

    private record Counts(Set<String> producers, Set<String> consumers) {
    }

    WorkerMediaCounts(List<MediaWorker> fleet) {
        this.workers = fleet.stream().map(w -> watch(w.worker())).toList();
    }

    private static Counts watch(Worker worker) {
        Counts counts = new Counts(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        worker.observer().on(Worker.NEW_ROUTER, (Router router) ->
                router.observer().on(Router.NEW_TRANSPORT, (Transport transport) -> {
                    transport.observer().on(Transport.NEW_PRODUCER, (Producer producer) -> {
                        counts.producers().add(producer.id());
                        producer.observer().on(Producer.OBSERVER_CLOSE, nothing -> counts.producers().remove(producer.id()));
                    });
                    transport.observer().on(Transport.NEW_CONSUMER, (Consumer consumer) -> {
                        counts.consumers().add(consumer.id());
                        consumer.observer().on(Consumer.OBSERVER_CLOSE, nothing -> counts.consumers().remove(consumer.id()));
                    });
                }));
        return counts;
    }

    int producers(int workerIndex) {
        return workers.get(workerIndex).producers().size();
    }

    int consumers(int workerIndex) {
        return workers.get(workerIndex).consumers().size();
    }
}
