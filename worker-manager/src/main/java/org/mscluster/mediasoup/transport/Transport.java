package org.mscluster.mediasoup.transport;

import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.Request.Body;
import FBS.Request.Method;
import FBS.Router.CloseTransportRequest;
import FBS.Transport.EnableTraceEventRequest;
import FBS.Transport.SctpNegotiatedCapabilitiesNotification;
import FBS.Transport.SctpStateChangeNotification;
import FBS.Transport.SetMaxIncomingBitrateRequest;
import FBS.Transport.SetMaxOutgoingBitrateRequest;
import FBS.Transport.SetMinOutgoingBitrateRequest;
import FBS.Transport.TraceNotification;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.AppData;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerData;
import org.mscluster.mediasoup.consumer.ConsumerInternal;
import org.mscluster.mediasoup.consumer.ConsumerLayers;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.consumer.ConsumerScore;
import org.mscluster.mediasoup.consumer.ConsumerType;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataConsumerData;
import org.mscluster.mediasoup.data.DataConsumerDump;
import org.mscluster.mediasoup.data.DataConsumerInternal;
import org.mscluster.mediasoup.data.DataConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumerType;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerData;
import org.mscluster.mediasoup.data.DataProducerDump;
import org.mscluster.mediasoup.data.DataProducerInternal;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.data.DataProducerType;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.ortc.ProducerRtpParametersMapping;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerData;
import org.mscluster.mediasoup.producer.ProducerInternal;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.producer.ProducerType;
import org.mscluster.mediasoup.router.RouterLinks;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.sctp.SctpNegotiatedCapabilities;
import org.mscluster.mediasoup.sctp.SctpParameters;
import org.mscluster.mediasoup.sctp.SctpStreamIds;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every transport of a router shares (Node's {@code TransportImpl}): identity, closing and the
 * way it closes its producers, consumers, data producers and data consumers, bitrate limits, trace
 * events, and the SCTP state of the transports that have SCTP.
 *
 * <p>A transport closes in one of three ways, as in Node: {@link #close()} (tells the worker),
 * {@code routerClosed()} (its router closed, emits {@link #ROUTER_CLOSE}) or
 * {@code listenServerClosed()} (its WebRtcServer closed, emits {@link #LISTEN_SERVER_CLOSE}); each
 * closes everything created on it and emits {@link #OBSERVER_CLOSE} on the observer.
 */
public abstract sealed class Transport extends EventEmitter implements AutoCloseable
        permits WebRtcTransport, PlainTransport, PipeTransport, DirectTransport {

    public static final EventType<Void> ROUTER_CLOSE = EventType.of("routerclose");
    public static final EventType<Void> LISTEN_SERVER_CLOSE = EventType.of("listenserverclose");
    /** Emitted on the transport and on its observer, once enabled with {@link #enableTraceEvent}. */
    public static final EventType<TransportTraceEventData> TRACE = EventType.of("trace");
    /** Emitted on the transport and on its observer by transports with SCTP (all but DirectTransport). */
    public static final EventType<SctpState> SCTP_STATE_CHANGE = EventType.of("sctpstatechange");
    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Producer> NEW_PRODUCER = EventType.of("newproducer");
    public static final EventType<Consumer> NEW_CONSUMER = EventType.of("newconsumer");
    public static final EventType<DataProducer> NEW_DATA_PRODUCER = EventType.of("newdataproducer");
    public static final EventType<DataConsumer> NEW_DATA_CONSUMER = EventType.of("newdataconsumer");

    // Node's '@' events: how the router and a WebRtcServer keep their maps, not for applications.
    public static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");
    public static final EventType<Void> INTERNAL_LISTEN_SERVER_CLOSE = EventType.of("@listenserverclose");
    public static final EventType<Producer> INTERNAL_NEW_PRODUCER = EventType.of("@newproducer");
    public static final EventType<Producer> INTERNAL_PRODUCER_CLOSE = EventType.of("@producerclose");
    public static final EventType<DataProducer> INTERNAL_NEW_DATA_PRODUCER = EventType.of("@newdataproducer");
    public static final EventType<DataProducer> INTERNAL_DATA_PRODUCER_CLOSE = EventType.of("@dataproducerclose");

    /** Node keeps MIDs within 8 characters. */
    private static final int MAX_MID = 100_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    final String routerId;
    final String id;
    final Channel channel;
    final RouterLinks router;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EventEmitter observer = new EventEmitter();
    private volatile Map<String, Object> appData;

    private final SctpParameters sctpParameters;
    private volatile SctpState sctpState;
    private volatile SctpNegotiatedCapabilities sctpNegotiatedCapabilities;

    private final Map<String, Producer> producers = new ConcurrentHashMap<>();
    private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();
    private final Map<String, DataProducer> dataProducers = new ConcurrentHashMap<>();
    private final Map<String, DataConsumer> dataConsumers = new ConcurrentHashMap<>();
    private final SctpStreamIds sctpStreamIds = new SctpStreamIds();
    /** The CNAME every producer of this transport gets (not on pipe transports). */
    private String cnameForProducers;
    private int nextMidForConsumers;

    Transport(TransportContext context, SctpParameters sctpParameters, SctpState sctpState) {
        this.routerId = context.routerId();
        this.id = context.transportId();
        this.channel = context.channel();
        this.router = context.router();
        this.appData = AppData.orEmpty(context.appData());
        this.sctpParameters = sctpParameters;
        this.sctpState = sctpState;
    }

    /** Starts taking the worker's notifications (first those that came before this object existed). */
    final void subscribeToWorker() {
        channel.subscribe(id, this::handleWorkerNotification);
    }

    public final String id() {
        return id;
    }

    public final boolean closed() {
        return closed.get();
    }

    public abstract TransportType type();

    public final Map<String, Object> appData() {
        return appData;
    }

    public final void setAppData(Map<String, Object> appData) {
        this.appData = appData;
    }

    public final EventEmitter observer() {
        return observer;
    }

    /** The channel of its worker, for tests that play the worker's part (Node's {@code channelForTesting}). */
    public final Channel channelForTesting() {
        return channel;
    }

    /** SCTP settings; {@code null} if SCTP is not enabled (always for DirectTransport). */
    public final SctpParameters sctpParameters() {
        return sctpParameters;
    }

    /** SCTP state; {@code null} if SCTP is not enabled. */
    public final SctpState sctpState() {
        return sctpState;
    }

    /** Stream counts of the SCTP association, known once it connected. */
    public final SctpNegotiatedCapabilities sctpNegotiatedCapabilities() {
        return sctpNegotiatedCapabilities;
    }

    /** Closes the transport and everything created on it. */
    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.unsubscribe(id);
        onClosed();
        channel.request(Method.ROUTER_CLOSE_TRANSPORT, routerId, Body.Router_CloseTransportRequest,
                builder -> CloseTransportRequest.createCloseTransportRequest(builder, builder.createString(id)))
                .exceptionally(error -> null);
        closeChildren(true);
        emit(INTERNAL_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    /** Its router closed: the worker already closed the transport with it. */
    public final void routerClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.unsubscribe(id);
        onClosed();
        closeChildren(false);
        emit(ROUTER_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    /** Its WebRtcServer closed: the worker already closed the transport with it. */
    public final void listenServerClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.unsubscribe(id);
        onClosed();
        // Node tells the router nothing here and leaves its producers in the router's map; the
        // router is still open, so it has to forget them.
        closeChildren(true);
        // The router learns it this way, since the server and not the router closed it.
        emit(INTERNAL_LISTEN_SERVER_CLOSE);
        emit(LISTEN_SERVER_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    /** Sets the state that a closed transport reports locally; called once, on whichever way it closes. */
    void onClosed() {
        if (sctpState != null) {
            sctpState = SctpState.CLOSED;
        }
    }

    /**
     * Closes producers, consumers, data producers and data consumers; with {@code tellRouter} the
     * router drops the producers from its map (when the router itself closed, it has already).
     */
    /**
     * Closes every child. Removing a child from its map is what claims it: one the worker finished creating
     * while this ran is in no snapshot taken here, stays in the map, and is closed where it was added (which
     * checks {@link #closed()} after adding it); a snapshot then {@code clear()} dropped it unclosed.
     */
    private void closeChildren(boolean tellRouter) {
        for (Producer producer : List.copyOf(producers.values())) {
            if (producers.remove(producer.id()) != null) {
                producer.transportClosed();
                if (tellRouter) {
                    emit(INTERNAL_PRODUCER_CLOSE, producer);
                }
            }
        }
        for (Consumer consumer : List.copyOf(consumers.values())) {
            if (consumers.remove(consumer.id()) != null) {
                consumer.transportClosed();
            }
        }
        for (DataProducer dataProducer : List.copyOf(dataProducers.values())) {
            if (dataProducers.remove(dataProducer.id()) != null) {
                dataProducer.transportClosed();
                if (tellRouter) {
                    emit(INTERNAL_DATA_PRODUCER_CLOSE, dataProducer);
                }
            }
        }
        for (DataConsumer dataConsumer : List.copyOf(dataConsumers.values())) {
            if (dataConsumers.remove(dataConsumer.id()) != null) {
                dataConsumer.transportClosed();
            }
        }
    }

    public abstract CompletableFuture<? extends TransportDump> dump();

    public abstract CompletableFuture<? extends List<? extends TransportStat>> getStats();

    /** Caps the bitrate the remote may send (REMB/transport-cc feedback); 0 removes the cap. */
    public CompletableFuture<Void> setMaxIncomingBitrate(long bitrate) {
        return channel.request(Method.TRANSPORT_SET_MAX_INCOMING_BITRATE, id, Body.Transport_SetMaxIncomingBitrateRequest,
                builder -> SetMaxIncomingBitrateRequest.createSetMaxIncomingBitrateRequest(builder, bitrate))
                .thenApply(response -> null);
    }

    /** Caps the bitrate mediasoup sends; 0 removes the cap. Fails below the current minimum. */
    public CompletableFuture<Void> setMaxOutgoingBitrate(long bitrate) {
        return channel.request(Method.TRANSPORT_SET_MAX_OUTGOING_BITRATE, id, Body.Transport_SetMaxOutgoingBitrateRequest,
                builder -> SetMaxOutgoingBitrateRequest.createSetMaxOutgoingBitrateRequest(builder, bitrate))
                .thenApply(response -> null);
    }

    /** Sets a floor under the bitrate mediasoup sends; 0 removes it. Fails above the current maximum. */
    public CompletableFuture<Void> setMinOutgoingBitrate(long bitrate) {
        return channel.request(Method.TRANSPORT_SET_MIN_OUTGOING_BITRATE, id, Body.Transport_SetMinOutgoingBitrateRequest,
                builder -> SetMinOutgoingBitrateRequest.createSetMinOutgoingBitrateRequest(builder, bitrate))
                .thenApply(response -> null);
    }

    /** Enables exactly these {@link #TRACE} event types (none: disables them all). */
    public CompletableFuture<Void> enableTraceEvent(Collection<TransportTraceEventType> types) {
        byte[] events;
        try {
            events = EnumMappings.distinctCodes(types, TransportFbs::traceEventType);
        } catch (TypeError e) {
            return CompletableFuture.failedFuture(e);
        }
        return channel.request(Method.TRANSPORT_ENABLE_TRACE_EVENT, id, Body.Transport_EnableTraceEventRequest,
                builder -> EnableTraceEventRequest.createEnableTraceEventRequest(builder,
                        EnableTraceEventRequest.createEventsVector(builder, events)))
                .thenApply(response -> null);
    }

    /**
     * Node's form, taking event names: names mediasoup does not know are ignored, as the Node layer
     * ignores them.
     */
    public CompletableFuture<Void> enableTraceEvent(String... types) {
        try {
            return enableTraceEvent(EnumMappings.known(TransportTraceEventType.class, types, unknown -> { }));
        } catch (TypeError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // --- producers and consumers ----------------------------------------------------------------

    /** Its open producers, for tests. */
    public final Map<String, Producer> producersForTesting() {
        return producers;
    }

    /** Its open consumers, for tests. */
    final Map<String, Consumer> consumersForTesting() {
        return consumers;
    }

    /**
     * Starts receiving media from the endpoint. The parameters are validated and matched against
     * the router's capabilities (ortc), every producer of a transport but a pipe one shares one
     * CNAME, and the router learns of the producer so any of its transports can consume it.
     */
    public CompletableFuture<Producer> produce(ProducerOptions options) {
        String producerId;
        RtpParameters rtpParameters;
        ProducerRtpParametersMapping mapping;
        RtpParameters consumableRtpParameters;
        try {
            if (options == null) {
                throw new TypeError("missing options");
            }
            if (options.id() != null && producers.containsKey(options.id())) {
                throw new TypeError("a Producer with same id \"" + options.id() + "\" already exists");
            }
            if (options.kind() == null) {
                throw new TypeError("invalid kind \"" + options.kind() + "\"");
            }
            rtpParameters = Ortc.validateAndNormalizeRtpParameters(options.rtpParameters());
            if (rtpParameters.encodings() == null || rtpParameters.encodings().isEmpty()) {
                rtpParameters = rtpParameters.withEncodings(List.of(RtpEncodingParameters.builder().build()));
            }
            rtpParameters = rtpParameters.withRtcp(producerRtcp(rtpParameters.rtcp()));
            RtpCapabilities routerRtpCapabilities = router.rtpCapabilities();
            mapping = Ortc.getProducerRtpParametersMapping(rtpParameters, routerRtpCapabilities);
            rtpParameters = mapping.rtpParameters();
            consumableRtpParameters = Ortc.getConsumableRtpParameters(options.kind(), rtpParameters,
                    routerRtpCapabilities, mapping.rtpMapping());
            producerId = options.id() != null ? options.id() : UUID.randomUUID().toString();
        } catch (MediasoupException e) {
            return CompletableFuture.failedFuture(e);
        }
        RtpParameters sentRtpParameters = rtpParameters;
        channel.buffer(producerId);
        return channel.request(Method.TRANSPORT_PRODUCE, id, Body.Transport_ProduceRequest,
                builder -> TransportRequests.produce(builder, producerId, options.kind(), sentRtpParameters,
                        mapping.rtpMapping(), options.paused(), options.keyFrameRequestDelay(),
                        options.enableMediasoupPacketIdHeaderExtension()))
                .thenApply(response -> {
                    FBS.Transport.ProduceResponse produced = (FBS.Transport.ProduceResponse) response.body(new FBS.Transport.ProduceResponse());
                    Producer producer = new Producer(new ProducerInternal(routerId, id, producerId),
                            new ProducerData(options.kind(), sentRtpParameters, ProducerType.fromFbs(produced.type()),
                                    consumableRtpParameters),
                            channel, options.appData(), options.paused());
                    producers.put(producer.id(), producer);
                    producer.on(Producer.INTERNAL_CLOSE, nothing -> {
                        producers.remove(producer.id());
                        emit(INTERNAL_PRODUCER_CLOSE, producer);
                    });
                    emit(INTERNAL_NEW_PRODUCER, producer);
                    observer.emit(NEW_PRODUCER, producer);
                    if (closed() && producers.remove(producer.id()) != null) {
                        // The transport closed while the worker was creating the producer.
                        producer.transportClosed();
                        emit(INTERNAL_PRODUCER_CLOSE, producer);
                    }
                    return producer;
                })
                .whenComplete((producer, error) -> {
                    if (error != null) {
                        channel.unsubscribe(producerId);
                    }
                });
    }

    /**
     * The RTCP parameters a new producer gets: on a pipe transport its own CNAME (a random one if it
     * has none, since a shared CNAME would tell the worker that the producers share a clock), on any
     * other the first CNAME this transport saw.
     */
    private synchronized RtcpParameters producerRtcp(RtcpParameters given) {
        RtcpParameters rtcp = given != null ? given : RtcpParameters.empty();
        if (type() == TransportType.PIPE) {
            return rtcp.cname() != null && !rtcp.cname().isEmpty() ? rtcp : rtcp.withCname(randomCname());
        }
        if (cnameForProducers == null) {
            cnameForProducers = rtcp.cname() != null && !rtcp.cname().isEmpty() ? rtcp.cname() : randomCname();
        }
        return rtcp.withCname(cnameForProducers);
    }

    private static String randomCname() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Starts sending a producer of the router to the endpoint, with RTP parameters that fit the
     * endpoint's capabilities (ortc). Fails with {@link NotFoundError} for an unknown producer and
     * {@link org.mscluster.mediasoup.errors.UnsupportedError} if the endpoint cannot receive it.
     */
    public CompletableFuture<Consumer> consume(ConsumerOptions options) {
        Producer producer;
        RtpParameters rtpParameters;
        try {
            if (options == null || options.producerId() == null || options.producerId().isEmpty()) {
                throw new TypeError("missing producerId");
            }
            if (options.mid() != null && options.mid().isEmpty()) {
                throw new TypeError("if given, mid must be non empty string");
            }
            RtpCapabilities rtpCapabilities = Ortc.validateAndNormalizeRtpCapabilities(options.rtpCapabilities());
            producer = router.producer(options.producerId());
            if (producer == null) {
                throw new NotFoundError("Producer with id \"" + options.producerId() + "\" not found");
            }
            boolean enableRtx = options.enableRtx() != null ? options.enableRtx() : producer.kind() == MediaKind.VIDEO;
            rtpParameters = Ortc.getConsumerRtpParameters(producer.consumableRtpParameters(), rtpCapabilities,
                    options.pipe(), enableRtx);
            if (!options.pipe()) {
                rtpParameters = rtpParameters.withMid(options.mid() != null ? options.mid() : nextMid());
            }
        } catch (MediasoupException e) {
            return CompletableFuture.failedFuture(e);
        }
        ConsumerType type = options.pipe() ? ConsumerType.PIPE : ConsumerType.fromValue(producer.type().value());
        RtpParameters consumerRtpParameters = rtpParameters;
        String consumerId = UUID.randomUUID().toString();
        channel.buffer(consumerId);
        return channel.request(Method.TRANSPORT_CONSUME, id, Body.Transport_ConsumeRequest,
                builder -> TransportRequests.consume(builder, producer, consumerId, consumerRtpParameters,
                        options.paused(), options.preferredLayers(), options.ignoreDtx(), options.pipe()))
                .thenApply(response -> {
                    FBS.Transport.ConsumeResponse consumed = (FBS.Transport.ConsumeResponse) response.body(new FBS.Transport.ConsumeResponse());
                    FBS.Consumer.ConsumerLayers layers = consumed.preferredLayers();
                    return addConsumer(new Consumer(new ConsumerInternal(routerId, id, consumerId),
                            new ConsumerData(options.producerId(), producer.kind(), consumerRtpParameters, type),
                            channel, options.appData(), consumed.paused(), consumed.producerPaused(),
                            consumed.score() == null ? null : ConsumerScore.fromFbs(consumed.score()),
                            layers == null ? null : ConsumerLayers.fromFbs(layers)));
                })
                .whenComplete((consumer, error) -> {
                    if (error != null) {
                        channel.unsubscribe(consumerId);
                    }
                });
    }

    /** The MID of the next consumer: a counter kept within 8 characters. */
    private synchronized String nextMid() {
        String mid = Integer.toString(nextMidForConsumers++);
        if (nextMidForConsumers == MAX_MID) {
            LOG.error("consume() | reaching max MID value \"{}\"", nextMidForConsumers);
            nextMidForConsumers = 0;
        }
        return mid;
    }

    /** Registers a consumer the worker created on this transport. */
    final Consumer addConsumer(Consumer consumer) {
        consumers.put(consumer.id(), consumer);
        consumer.on(Consumer.INTERNAL_CLOSE, nothing -> consumers.remove(consumer.id()));
        consumer.on(Consumer.INTERNAL_PRODUCER_CLOSE, nothing -> consumers.remove(consumer.id()));
        observer.emit(NEW_CONSUMER, consumer);
        if (closed() && consumers.remove(consumer.id()) != null) {
            consumer.transportClosed();
        }
        return consumer;
    }

    /**
     * Starts receiving data from the endpoint: over SCTP with the given stream parameters or, on a
     * DirectTransport, from the application (stream parameters are then ignored).
     */
    public CompletableFuture<DataProducer> produceData(DataProducerOptions options) {
        DataProducerOptions given = options == null ? DataProducerOptions.direct() : options;
        DataProducerType type;
        SctpStreamParameters sctpStreamParameters;
        String dataProducerId;
        try {
            if (given.id() != null && dataProducers.containsKey(given.id())) {
                throw new TypeError("a DataProducer with same id \"" + given.id() + "\" already exists");
            }
            if (type() != TransportType.DIRECT) {
                type = DataProducerType.SCTP;
                sctpStreamParameters = Ortc.validateAndNormalizeSctpStreamParameters(given.sctpStreamParameters());
            } else {
                type = DataProducerType.DIRECT;
                if (given.sctpStreamParameters() != null) {
                    LOG.warn("produceData() | sctpStreamParameters are ignored when producing data on a DirectTransport");
                }
                sctpStreamParameters = null;
            }
            dataProducerId = given.id() != null ? given.id() : UUID.randomUUID().toString();
        } catch (MediasoupException e) {
            return CompletableFuture.failedFuture(e);
        }
        // No buffer: the worker sends data producers no notifications and they subscribe to none.
        return channel.request(Method.TRANSPORT_PRODUCE_DATA, id, Body.Transport_ProduceDataRequest,
                builder -> TransportRequests.produceData(builder, dataProducerId, type, sctpStreamParameters,
                        given.label(), given.protocol(), given.paused()))
                .thenApply(response -> {
                    DataProducerDump dump = DataProducerDump.fromFbs(
                            (FBS.DataProducer.DumpResponse) response.body(new FBS.DataProducer.DumpResponse()));
                    DataProducer dataProducer = new DataProducer(new DataProducerInternal(routerId, id, dataProducerId),
                            new DataProducerData(dump.type(), dump.sctpStreamParameters(), dump.label(), dump.protocol()),
                            channel, given.paused(), given.appData());
                    dataProducers.put(dataProducer.id(), dataProducer);
                    dataProducer.on(DataProducer.INTERNAL_CLOSE, nothing -> {
                        dataProducers.remove(dataProducer.id());
                        emit(INTERNAL_DATA_PRODUCER_CLOSE, dataProducer);
                    });
                    emit(INTERNAL_NEW_DATA_PRODUCER, dataProducer);
                    observer.emit(NEW_DATA_PRODUCER, dataProducer);
                    if (closed() && dataProducers.remove(dataProducer.id()) != null) {
                        dataProducer.transportClosed();
                        emit(INTERNAL_DATA_PRODUCER_CLOSE, dataProducer);
                    }
                    return dataProducer;
                });
    }

    /**
     * Starts sending a data producer of the router to the endpoint: over SCTP on a stream of its own
     * (with the data producer's reliability unless overridden here) or, on a DirectTransport, to the
     * application.
     */
    public CompletableFuture<DataConsumer> consumeData(DataConsumerOptions options) {
        DataProducer dataProducer;
        DataConsumerType type;
        SctpStreamParameters sctpStreamParameters = null;
        Integer sctpStreamId = null;
        try {
            if (options == null || options.dataProducerId() == null || options.dataProducerId().isEmpty()) {
                throw new TypeError("missing dataProducerId");
            }
            dataProducer = router.dataProducer(options.dataProducerId());
            if (dataProducer == null) {
                throw new NotFoundError("DataProducer with id \"" + options.dataProducerId() + "\" not found");
            }
            if (type() == TransportType.DIRECT) {
                type = DataConsumerType.DIRECT;
                if (options.ordered() != null || options.maxPacketLifeTime() != null || options.maxRetransmits() != null) {
                    LOG.warn("consumeData() | ordered, maxPacketLifeTime and maxRetransmits are ignored when consuming data on a DirectTransport");
                }
            } else {
                type = DataConsumerType.SCTP;
                sctpStreamId = sctpStreamIds.allocate();
                sctpStreamParameters = consumerSctpStreamParameters(dataProducer.sctpStreamParameters(), sctpStreamId, options);
            }
        } catch (MediasoupException e) {
            return CompletableFuture.failedFuture(e);
        }
        String dataConsumerId = UUID.randomUUID().toString();
        Integer streamId = sctpStreamId;
        SctpStreamParameters consumerSctp = sctpStreamParameters;
        channel.buffer(dataConsumerId);
        return channel.request(Method.TRANSPORT_CONSUME_DATA, id, Body.Transport_ConsumeDataRequest,
                builder -> TransportRequests.consumeData(builder, dataConsumerId, options.dataProducerId(), type,
                        consumerSctp, dataProducer.label(), dataProducer.protocol(), options.paused(), options.subchannels()))
                .thenApply(response -> {
                    DataConsumerDump dump = DataConsumerDump.fromFbs(
                            (FBS.DataConsumer.DumpResponse) response.body(new FBS.DataConsumer.DumpResponse()));
                    DataConsumer dataConsumer = new DataConsumer(new DataConsumerInternal(routerId, id, dataConsumerId),
                            new DataConsumerData(dump.dataProducerId(), dump.type(), dump.sctpStreamParameters(), dump.label(),
                                    dump.protocol(), dump.bufferedAmountLowThreshold()),
                            channel, dump.paused(), dump.dataProducerPaused(), dump.subchannels(), options.appData());
                    dataConsumers.put(dataConsumer.id(), dataConsumer);
                    Runnable forget = () -> {
                        if (dataConsumers.remove(dataConsumer.id()) != null && streamId != null) {
                            sctpStreamIds.release(streamId);
                        }
                    };
                    dataConsumer.on(DataConsumer.INTERNAL_CLOSE, nothing -> forget.run());
                    dataConsumer.on(DataConsumer.INTERNAL_DATA_PRODUCER_CLOSE, nothing -> forget.run());
                    observer.emit(NEW_DATA_CONSUMER, dataConsumer);
                    if (closed() && dataConsumers.containsKey(dataConsumer.id())) {
                        forget.run();
                        dataConsumer.transportClosed();
                    }
                    return dataConsumer;
                })
                .whenComplete((dataConsumer, error) -> {
                    if (error != null) {
                        channel.unsubscribe(dataConsumerId);
                        if (streamId != null) {
                            sctpStreamIds.release(streamId);
                        }
                    }
                });
    }

    /**
     * Node's rules: the data producer's reliability (or ordered if it has none) on the allocated
     * stream; {@code ordered: true} drops the partial-reliability limits, a limit given with
     * {@code ordered} not true makes the stream unordered.
     */
    private static SctpStreamParameters consumerSctpStreamParameters(SctpStreamParameters ofDataProducer, int streamId,
            DataConsumerOptions options) {
        Boolean ordered = ofDataProducer != null ? ofDataProducer.ordered() : Boolean.TRUE;
        Integer maxPacketLifeTime = ofDataProducer != null ? ofDataProducer.maxPacketLifeTime() : null;
        Integer maxRetransmits = ofDataProducer != null ? ofDataProducer.maxRetransmits() : null;
        if (options.ordered() != null) {
            ordered = options.ordered();
            if (options.ordered()) {
                maxPacketLifeTime = null;
                maxRetransmits = null;
            }
        }
        if (!Boolean.TRUE.equals(options.ordered())) {
            if (options.maxPacketLifeTime() != null) {
                ordered = false;
                maxPacketLifeTime = options.maxPacketLifeTime();
            }
            if (options.maxRetransmits() != null) {
                ordered = false;
                maxRetransmits = options.maxRetransmits();
            }
        }
        return new SctpStreamParameters(streamId, ordered, maxPacketLifeTime, maxRetransmits);
    }

    /**
     * Handles a notification of this transport's own kind; returns whether it was one. Called on the
     * channel's delivery thread, in the worker's order.
     */
    boolean onNotification(Notification notification) {
        return false;
    }

    private void handleWorkerNotification(Notification notification) {
        if (onNotification(notification)) {
            return;
        }
        switch (notification.event()) {
            case Event.TRANSPORT_SCTP_STATE_CHANGE -> {
                SctpStateChangeNotification body = (SctpStateChangeNotification) notification.body(new SctpStateChangeNotification());
                SctpState state = TransportFbs.sctpState(body.sctpState());
                sctpState = state;
                emit(SCTP_STATE_CHANGE, state);
                observer.emit(SCTP_STATE_CHANGE, state);
            }
            case Event.TRANSPORT_SCTP_NEGOTIATED_CAPABILITIES -> {
                SctpNegotiatedCapabilitiesNotification body = (SctpNegotiatedCapabilitiesNotification)
                        notification.body(new SctpNegotiatedCapabilitiesNotification());
                SctpNegotiatedCapabilities capabilities = TransportFbs.sctpNegotiatedCapabilities(body.negotiatedCapabilities());
                sctpNegotiatedCapabilities = capabilities;
                handleSctpNegotiatedCapabilities(capabilities);
            }
            case Event.TRANSPORT_TRACE -> {
                TraceNotification body = (TraceNotification) notification.body(new TraceNotification());
                TransportTraceEventData trace = TransportFbs.trace(body);
                emit(TRACE, trace);
                observer.emit(TRACE, trace);
            }
            default -> LOG.error("{} ignoring unknown event {}", this, Event.name(notification.event()));
        }
    }

    void handleSctpNegotiatedCapabilities(SctpNegotiatedCapabilities capabilities) {
        if (capabilities != null && capabilities.negotiatedMaxOutboundStreams() != null) {
            sctpStreamIds.setNegotiatedMaxOutboundStreams(capabilities.negotiatedMaxOutboundStreams());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
