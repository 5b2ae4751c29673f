package org.mscluster.mediasoup.router;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataConsumerOptions;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PipeTransport;
import org.mscluster.mediasoup.transport.PipeTransportOptions;
import org.mscluster.mediasoup.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A router's links to other routers (Node's {@code pipeToRouter} and its map of pipe transport
 * pairs): at most one connected pair of PipeTransports per pair of routers, shared by every
 * producer and data producer piped between them, and closed on both sides when either end closes.
 *
 * <p>The pair of two routers is registered in both at once, under one lock, so two routers piping
 * to each other at the same time still end up with a single pair (Node gets this from its single
 * thread).
 */
final class RouterPipes {

    private static final Logger LOG = LoggerFactory.getLogger(RouterPipes.class);
    private static final Object PAIRS_LOCK = new Object();

    private final Router owner;
    /** Pairs by the id of the other router; each pair maps a router id to that router's end. */
    private final Map<String, CompletableFuture<Map<String, PipeTransport>>> pairs = new ConcurrentHashMap<>();

    RouterPipes(Router owner) {
        this.owner = owner;
    }

    CompletableFuture<PipeToRouterResult> pipeProducer(Producer producer, Router router, ListenInfo listenInfo,
            PipeToRouterOptions options) {
        return pair(router, listenInfo, options).thenCompose(pair -> {
            PipeTransport local = pair.get(owner.id());
            PipeTransport remote = pair.get(router.id());
            AtomicReference<Consumer> pipeConsumer = new AtomicReference<>();
            AtomicReference<Producer> pipeProducer = new AtomicReference<>();
            return local.consume(ConsumerOptions.builder().producerId(producer.id()).build())
                    .thenCompose(consumer -> {
                        pipeConsumer.set(consumer);
                        return remote.produce(ProducerOptions.builder()
                                // A copy in a router of the same worker needs an id of its own.
                                .id(options.keepId() ? producer.id() : UUID.randomUUID().toString())
                                .kind(consumer.kind())
                                .rtpParameters(consumer.rtpParameters())
                                .paused(consumer.producerPaused())
                                .appData(producer.appData())
                                .build());
                    })
                    .thenCompose(copy -> {
                        pipeProducer.set(copy);
                        if (producer.closed()) {
                            throw new NotFoundError("original Producer closed");
                        }
                        // The original may have been paused or resumed meanwhile.
                        if (copy.paused() != producer.paused()) {
                            return producer.paused() ? copy.pause() : copy.resume();
                        }
                        return CompletableFuture.<Void>completedFuture(null);
                    })
                    .thenApply(nothing -> {
                        Consumer consumer = pipeConsumer.get();
                        Producer copy = pipeProducer.get();
                        consumer.observer().on(Consumer.OBSERVER_CLOSE, none -> copy.close());
                        consumer.observer().on(Consumer.OBSERVER_PAUSE, none -> copy.pause().exceptionally(error -> null));
                        consumer.observer().on(Consumer.OBSERVER_RESUME, none -> copy.resume().exceptionally(error -> null));
                        copy.observer().on(Producer.OBSERVER_CLOSE, none -> consumer.close());
                        return new PipeToRouterResult(consumer, copy, null, null);
                    })
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            LOG.error("pipeToRouter() | error creating pipe Consumer/Producer pair: {}", unwrap(error).toString());
                            closeIfSet(pipeConsumer.get());
                            closeIfSet(pipeProducer.get());
                        }
                    });
        });
    }

    CompletableFuture<PipeToRouterResult> pipeDataProducer(DataProducer dataProducer, Router router, ListenInfo listenInfo,
            PipeToRouterOptions options) {
        return pair(router, listenInfo, options).thenCompose(pair -> {
            PipeTransport local = pair.get(owner.id());
            PipeTransport remote = pair.get(router.id());
            AtomicReference<DataConsumer> pipeDataConsumer = new AtomicReference<>();
            AtomicReference<DataProducer> pipeDataProducer = new AtomicReference<>();
            return local.consumeData(DataConsumerOptions.of(dataProducer.id()))
                    .thenCompose(dataConsumer -> {
                        pipeDataConsumer.set(dataConsumer);
                        return remote.produceData(DataProducerOptions.builder()
                                .id(options.keepId() ? dataProducer.id() : UUID.randomUUID().toString())
                                .sctpStreamParameters(dataConsumer.sctpStreamParameters())
                                .label(dataConsumer.label())
                                .protocol(dataConsumer.protocol())
                                .appData(dataProducer.appData())
                                .build());
                    })
                    .thenApply(copy -> {
                        pipeDataProducer.set(copy);
                        if (dataProducer.closed()) {
                            throw new NotFoundError("original DataProducer closed");
                        }
                        DataConsumer dataConsumer = pipeDataConsumer.get();
                        dataConsumer.observer().on(DataConsumer.OBSERVER_CLOSE, none -> copy.close());
                        copy.observer().on(DataProducer.OBSERVER_CLOSE, none -> dataConsumer.close());
                        return new PipeToRouterResult(null, null, dataConsumer, copy);
                    })
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            LOG.error("pipeToRouter() | error creating pipe DataConsumer/DataProducer pair: {}", unwrap(error).toString());
                            closeIfSet(pipeDataConsumer.get());
                            closeIfSet(pipeDataProducer.get());
                        }
                    });
        });
    }

    /** The connected pipe transport pair between the owner and {@code router}, created on first use. */
    private CompletableFuture<Map<String, PipeTransport>> pair(Router router, ListenInfo listenInfo, PipeToRouterOptions options) {
        CompletableFuture<Map<String, PipeTransport>> pair;
        synchronized (PAIRS_LOCK) {
            pair = pairs.get(router.id());
            if (pair != null) {
                return pair;
            }
            pair = new CompletableFuture<>();
            pairs.put(router.id(), pair);
            router.pipes().addPair(owner.id(), pair);
        }
        createPair(router, listenInfo, options, pair);
        return pair;
    }

    private void createPair(Router router, ListenInfo listenInfo, PipeToRouterOptions options,
            CompletableFuture<Map<String, PipeTransport>> pair) {
        PipeTransportOptions transportOptions = PipeTransportOptions.builder()
                .listenInfo(listenInfo)
                .sctp(options.sctp())
                .enableRtx(options.enableRtx())
                .enableSrtp(options.enableSrtp())
                .build();
        AtomicReference<PipeTransport> local = new AtomicReference<>();
        AtomicReference<PipeTransport> remote = new AtomicReference<>();
        CompletableFuture<PipeTransport> localCreated = owner.createPipeTransport(transportOptions).thenApply(transport -> {
            local.set(transport);
            return transport;
        });
        CompletableFuture<PipeTransport> remoteCreated = router.createPipeTransport(transportOptions).thenApply(transport -> {
            remote.set(transport);
            return transport;
        });
        CompletableFuture.allOf(localCreated, remoteCreated)
                .thenCompose(nothing -> CompletableFuture.allOf(
                        local.get().connect(new PipeTransport.ConnectParams(remote.get().tuple().localAddress(),
                                remote.get().tuple().localPort(), remote.get().srtpParameters())),
                        remote.get().connect(new PipeTransport.ConnectParams(local.get().tuple().localAddress(),
                                local.get().tuple().localPort(), local.get().srtpParameters()))))
                .whenComplete((nothing, error) -> {
                    if (error != null) {
                        LOG.error("pipeToRouter() | error creating PipeTransport pair: {}", unwrap(error).toString());
                        closeIfSet(local.get());
                        closeIfSet(remote.get());
                        // Node keeps a failed pair here for good; forgetting it lets a later call retry.
                        pairs.remove(router.id(), pair);
                        pair.completeExceptionally(unwrap(error));
                        return;
                    }
                    PipeTransport localTransport = local.get();
                    PipeTransport remoteTransport = remote.get();
                    localTransport.observer().on(Transport.OBSERVER_CLOSE, none -> {
                        remoteTransport.close();
                        pairs.remove(router.id(), pair);
                    });
                    remoteTransport.observer().on(Transport.OBSERVER_CLOSE, none -> {
                        localTransport.close();
                        pairs.remove(router.id(), pair);
                    });
                    pair.complete(Map.of(owner.id(), localTransport, router.id(), remoteTransport));
                });
    }

    /** The other router of a pair registers it here too, so a pipe in the opposite direction reuses it. */
    private void addPair(String otherRouterId, CompletableFuture<Map<String, PipeTransport>> pair) {
        if (pairs.putIfAbsent(otherRouterId, pair) != null) {
            throw new IllegalStateException("given pipeTransportPairKey already exists in this Router");
        }
        pair.whenComplete((transports, error) -> {
            if (error != null) {
                pairs.remove(otherRouterId, pair);
                return;
            }
            // The owner of the pair closes both ends; here only the entry goes.
            transports.get(owner.id()).observer().on(Transport.OBSERVER_CLOSE, none -> pairs.remove(otherRouterId, pair));
        });
    }

    /** The transports of the pairs this router holds, for tests. */
    List<CompletableFuture<Map<String, PipeTransport>>> pairsForTesting() {
        return List.copyOf(pairs.values());
    }

    private static void closeIfSet(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing after a failed pipeToRouter() failed too", e);
        }
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
