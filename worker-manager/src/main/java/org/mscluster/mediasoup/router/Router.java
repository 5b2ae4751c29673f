package org.mscluster.mediasoup.router;

import FBS.Request.Body;
import FBS.Request.Method;
import FBS.Response.Response;
import FBS.Worker.CloseRouterRequest;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.mscluster.channel.BodyWriter;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.AppData;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserver;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserverOptions;
import org.mscluster.mediasoup.observer.AudioLevelObserver;
import org.mscluster.mediasoup.observer.AudioLevelObserverOptions;
import org.mscluster.mediasoup.observer.RtpObserver;
import org.mscluster.mediasoup.observer.RtpObserverInternal;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.DirectTransportOptions;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.ListenIp;
import org.mscluster.mediasoup.transport.PipeTransport;
import org.mscluster.mediasoup.transport.PipeTransportOptions;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportContext;
import org.mscluster.mediasoup.transport.TransportFbs;
import org.mscluster.mediasoup.transport.TransportProtocol;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.mscluster.mediasoup.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media router: the producers of its transports can be consumed by any of its transports. Created
 * with {@link Worker#createRouter}; its {@link #rtpCapabilities()} are what clients negotiate
 * against. Closing it closes its transports (and everything on them) and RTP observers.
 *
 * <p>It keeps the producers and data producers of all its transports ({@code getProducerById} in
 * Node), since any of its transports may consume them and its RTP observers may observe them.
 */
@SuppressWarnings("deprecation")
public final class Router extends EventEmitter implements AutoCloseable {

    /** Its worker closed (and so did it). */
    public static final EventType<Void> WORKER_CLOSE = EventType.of("workerclose");
    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Transport> NEW_TRANSPORT = EventType.of("newtransport");
    public static final EventType<RtpObserver> NEW_RTP_OBSERVER = EventType.of("newrtpobserver");

    /** Tells the worker object to forget it (Node's {@code @close}). */
    public static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");

    private final String id;
    private final Channel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EventEmitter observer = new EventEmitter();
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Map<String, Transport> transports = new ConcurrentHashMap<>();
    private final Map<String, Producer> producers = new ConcurrentHashMap<>();
    private final Map<String, DataProducer> dataProducers = new ConcurrentHashMap<>();
    private final Map<String, RtpObserver> rtpObservers = new ConcurrentHashMap<>();
    private final RouterLinks links = new Links();
    private final RouterPipes pipes = new RouterPipes(this);
    private volatile RtpCapabilities rtpCapabilities;
    private volatile Map<String, Object> appData;

    public Router(String id, RtpCapabilities rtpCapabilities, Channel channel, Map<String, Object> appData) {
        this.id = id;
        this.rtpCapabilities = rtpCapabilities;
        this.channel = channel;
        this.appData = AppData.orEmpty(appData);
    }

    public String id() {
        return id;
    }

    public boolean closed() {
        return closed.get();
    }

    /** What the router can receive and send; immutable, so it is handed out as is rather than cloned. */
    public RtpCapabilities rtpCapabilities() {
        return rtpCapabilities;
    }

    public Map<String, Object> appData() {
        return appData;
    }

    public void setAppData(Map<String, Object> appData) {
        this.appData = appData;
    }

    public EventEmitter observer() {
        return observer;
    }

    /** Its open transports, for tests (Node's {@code transportsForTesting}). */
    public Map<String, Transport> transportsForTesting() {
        return transports;
    }

    /** Closes the router and everything in it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.request(Method.WORKER_CLOSE_ROUTER, null, Body.Worker_CloseRouterRequest,
                builder -> CloseRouterRequest.createCloseRouterRequest(builder, builder.createString(id)))
                .exceptionally(error -> null);
        closeChildren();
        emit(INTERNAL_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    /** Its worker closed: the worker closed the router with everything in it. */
    public void workerClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeChildren();
        emit(WORKER_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    private void closeChildren() {
        for (Transport transport : List.copyOf(transports.values())) {
            transport.routerClosed();
        }
        transports.clear();
        producers.clear();
        for (RtpObserver rtpObserver : List.copyOf(rtpObservers.values())) {
            rtpObserver.routerClosed();
        }
        rtpObservers.clear();
        dataProducers.clear();
    }

    /** Its links to other routers. */
    RouterPipes pipes() {
        return pipes;
    }

    /** The producers of its transports, for tests. */
    public Map<String, Producer> producersForTesting() {
        return producers;
    }

    public CompletableFuture<RouterDump> dump() {
        return channel.request(Method.ROUTER_DUMP, id).thenApply(response -> {
            FBS.Router.DumpResponse dump = (FBS.Router.DumpResponse) response.body(new FBS.Router.DumpResponse());
            return new RouterDump(
                    dump.id(),
                    TransportFbs.strings(dump.transportIdsLength(), dump::transportIds),
                    TransportFbs.strings(dump.rtpObserverIdsLength(), dump::rtpObserverIds),
                    multiMap(dump.mapProducerIdConsumerIdsLength(), dump::mapProducerIdConsumerIds),
                    map(dump.mapConsumerIdProducerIdLength(), dump::mapConsumerIdProducerId),
                    multiMap(dump.mapProducerIdObserverIdsLength(), dump::mapProducerIdObserverIds),
                    multiMap(dump.mapDataProducerIdDataConsumerIdsLength(), dump::mapDataProducerIdDataConsumerIds),
                    map(dump.mapDataConsumerIdDataProducerIdLength(), dump::mapDataConsumerIdDataProducerId));
        });
    }

    /**
     * Replaces the router's media codecs (its {@link #rtpCapabilities()}) for producers and consumers
     * created from now on; existing ones keep theirs.
     *
     * @throws TypeError or {@link org.mscluster.mediasoup.errors.UnsupportedError} for codecs ortc refuses
     */
    public void updateMediaCodecs(List<RtpCodecCapability> mediaCodecs) {
        rtpCapabilities = Ortc.generateRouterRtpCapabilities(mediaCodecs);
    }

    // --- transports ---------------------------------------------------------------------------

    /**
     * Creates a WebRtcTransport listening on its own sockets ({@code listenInfos}, or the deprecated
     * {@code listenIps}) or on a {@link WebRtcServer}'s.
     */
    public CompletableFuture<WebRtcTransport> createWebRtcTransport(WebRtcTransportOptions options) {
        if (options == null
                || (options.webRtcServer() == null && options.listenInfos() == null && options.listenIps() == null)) {
            return CompletableFuture.failedFuture(
                    new TypeError("missing webRtcServer, listenInfos and listenIps (one of them is mandatory)"));
        }
        if (options.webRtcServer() != null && options.listenInfos() != null && options.listenIps() != null) {
            return CompletableFuture.failedFuture(
                    new TypeError("only one of webRtcServer, listenInfos and listenIps must be given"));
        }
        WebRtcServer webRtcServer = options.webRtcServer();
        // With a server, both protocols are on unless said otherwise; with own sockets UDP only.
        boolean enableUdp = options.enableUdp() == null || options.enableUdp();
        boolean enableTcp = options.enableTcp() != null ? options.enableTcp() : webRtcServer != null;
        List<ListenInfo> listenInfos;
        try {
            listenInfos = options.listenIps() != null
                    ? listenInfosFromListenIps(options, enableUdp, enableTcp)
                    : options.listenInfos();
        } catch (TypeError e) {
            return CompletableFuture.failedFuture(e);
        }
        return createTransport(webRtcServer != null
                        ? Method.ROUTER_CREATE_WEBRTCTRANSPORT_WITH_SERVER
                        : Method.ROUTER_CREATE_WEBRTCTRANSPORT,
                Body.Router_CreateWebRtcTransportRequest,
                (builder, transportId) -> TransportFbs.webRtcTransportRequest(builder, transportId, options,
                        webRtcServer == null ? null : webRtcServer.id(), listenInfos, enableUdp, enableTcp),
                (context, response) -> new WebRtcTransport(context,
                        WebRtcTransport.parseDump((FBS.WebRtcTransport.DumpResponse) response.body(new FBS.WebRtcTransport.DumpResponse()))),
                options.appData())
                .thenApply(transport -> {
                    if (webRtcServer != null) {
                        webRtcServer.handleWebRtcTransport(transport);
                    }
                    return transport;
                });
    }

    /** Creates a PlainTransport (plain RTP/RTCP, optionally SRTP). */
    public CompletableFuture<PlainTransport> createPlainTransport(PlainTransportOptions options) {
        if (options == null || (options.listenInfo() == null && options.listenIp() == null)) {
            return CompletableFuture.failedFuture(new TypeError("missing listenInfo and listenIp (one of them is mandatory)"));
        }
        if (options.listenInfo() != null && options.listenIp() != null) {
            return CompletableFuture.failedFuture(new TypeError("only one of listenInfo and listenIp must be given"));
        }
        // An RTCP listen address means separate RTCP, whatever rtcpMux says.
        boolean rtcpMux = options.rtcpMux() && options.rtcpListenInfo() == null;
        ListenInfo listenInfo = options.listenIp() != null
                ? listenInfoFromListenIp(options.listenIp(), options.port())
                : options.listenInfo();
        return createTransport(Method.ROUTER_CREATE_PLAINTRANSPORT, Body.Router_CreatePlainTransportRequest,
                (builder, transportId) -> TransportFbs.plainTransportRequest(builder, transportId, options, listenInfo, rtcpMux),
                (context, response) -> new PlainTransport(context,
                        PlainTransport.parseDump((FBS.PlainTransport.DumpResponse) response.body(new FBS.PlainTransport.DumpResponse()))),
                options.appData());
    }

    /** Creates a PipeTransport, one end of a link to another router (see {@link #pipeToRouter}). */
    public CompletableFuture<PipeTransport> createPipeTransport(PipeTransportOptions options) {
        if (options == null || (options.listenInfo() == null && options.listenIp() == null)) {
            return CompletableFuture.failedFuture(new TypeError("missing listenInfo and listenIp (one of them is mandatory)"));
        }
        if (options.listenInfo() != null && options.listenIp() != null) {
            return CompletableFuture.failedFuture(new TypeError("only one of listenInfo and listenIp must be given"));
        }
        ListenInfo listenInfo = options.listenIp() != null
                ? listenInfoFromListenIp(options.listenIp(), options.port())
                : options.listenInfo();
        return createTransport(Method.ROUTER_CREATE_PIPETRANSPORT, Body.Router_CreatePipeTransportRequest,
                (builder, transportId) -> TransportFbs.pipeTransportRequest(builder, transportId, options, listenInfo),
                (context, response) -> new PipeTransport(context,
                        PipeTransport.parseDump((FBS.PipeTransport.DumpResponse) response.body(new FBS.PipeTransport.DumpResponse()))),
                options.appData());
    }

    /** Creates a DirectTransport with mediasoup's default message sizes. */
    public CompletableFuture<DirectTransport> createDirectTransport() {
        return createDirectTransport(DirectTransportOptions.builder().build());
    }

    /** Creates a DirectTransport (media and data exchanged with the application over the channel). */
    public CompletableFuture<DirectTransport> createDirectTransport(DirectTransportOptions options) {
        DirectTransportOptions given = options == null ? DirectTransportOptions.builder().build() : options;
        return createTransport(Method.ROUTER_CREATE_DIRECTTRANSPORT, Body.Router_CreateDirectTransportRequest,
                (builder, transportId) -> TransportFbs.directTransportRequest(builder, transportId, given),
                (context, response) -> new DirectTransport(context,
                        DirectTransport.parseDump((FBS.DirectTransport.DumpResponse) response.body(new FBS.DirectTransport.DumpResponse()))),
                given.appData());
    }

    // --- piping and observing ------------------------------------------------------------------

    /**
     * Makes a producer or data producer of this router available in another router (of this worker
     * or another one): a pipe consumer here and a copy of the producer there, over a pair of
     * PipeTransports that later calls between the same two routers reuse. Closing either side's
     * pipe transport, the original, or the copy cleans up the rest.
     */
    public CompletableFuture<PipeToRouterResult> pipeToRouter(PipeToRouterOptions options) {
        try {
            if (options == null) {
                throw new TypeError("missing producerId or dataProducerId");
            }
            if (options.listenInfo() != null && options.listenIp() != null) {
                throw new TypeError("only one of listenInfo and listenIp must be given");
            }
            if (options.producerId() == null && options.dataProducerId() == null) {
                throw new TypeError("missing producerId or dataProducerId");
            }
            if (options.producerId() != null && options.dataProducerId() != null) {
                throw new TypeError("just producerId or dataProducerId can be given");
            }
            if (options.router() == null) {
                throw new TypeError("missing router");
            }
            if (options.router() == this) {
                throw new TypeError("cannot use this Router as destination");
            }
            ListenInfo listenInfo;
            if (options.listenIp() != null) {
                listenInfo = ListenInfo.builder().protocol(TransportProtocol.UDP).ip(options.listenIp().ip())
                        .announcedAddress(options.listenIp().announcedIp()).build();
            } else if (options.listenInfo() != null) {
                listenInfo = options.listenInfo();
            } else {
                listenInfo = ListenInfo.udp("127.0.0.1");
            }
            if (options.producerId() != null) {
                Producer producer = producers.get(options.producerId());
                if (producer == null) {
                    throw new NotFoundError("Producer not found");
                }
                return pipes.pipeProducer(producer, options.router(), listenInfo, options);
            }
            DataProducer dataProducer = dataProducers.get(options.dataProducerId());
            if (dataProducer == null) {
                throw new NotFoundError("DataProducer not found");
            }
            return pipes.pipeDataProducer(dataProducer, options.router(), listenInfo, options);
        } catch (MediasoupException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Creates an ActiveSpeakerObserver with mediasoup's defaults (300 ms). */
    public CompletableFuture<ActiveSpeakerObserver> createActiveSpeakerObserver() {
        return createActiveSpeakerObserver(ActiveSpeakerObserverOptions.defaults());
    }

    /** Creates an observer that reports which of the producers added to it is the dominant speaker. */
    public CompletableFuture<ActiveSpeakerObserver> createActiveSpeakerObserver(ActiveSpeakerObserverOptions options) {
        ActiveSpeakerObserverOptions given = options == null ? ActiveSpeakerObserverOptions.defaults() : options;
        String rtpObserverId = UUID.randomUUID().toString();
        return createRtpObserver(rtpObserverId, Method.ROUTER_CREATE_ACTIVESPEAKEROBSERVER,
                Body.Router_CreateActiveSpeakerObserverRequest,
                builder -> {
                    int id = builder.createString(rtpObserverId);
                    int observerOptions = FBS.ActiveSpeakerObserver.ActiveSpeakerObserverOptions
                            .createActiveSpeakerObserverOptions(builder, given.interval());
                    return FBS.Router.CreateActiveSpeakerObserverRequest.createCreateActiveSpeakerObserverRequest(builder, id, observerOptions);
                },
                () -> new ActiveSpeakerObserver(new RtpObserverInternal(id, rtpObserverId), channel, given.appData(), producers::get));
    }

    /** Creates an AudioLevelObserver with mediasoup's defaults (1 entry, -80 dBvo, 1000 ms). */
    public CompletableFuture<AudioLevelObserver> createAudioLevelObserver() {
        return createAudioLevelObserver(AudioLevelObserverOptions.defaults());
    }

    /** Creates an observer that reports the loudest of the audio producers added to it. */
    public CompletableFuture<AudioLevelObserver> createAudioLevelObserver(AudioLevelObserverOptions options) {
        AudioLevelObserverOptions given = options == null ? AudioLevelObserverOptions.defaults() : options;
        if (given.maxEntries() <= 0) {
            return CompletableFuture.failedFuture(new TypeError("if given, maxEntries must be a positive number"));
        }
        if (given.threshold() < -127 || given.threshold() > 0) {
            return CompletableFuture.failedFuture(new TypeError("if given, threshole must be a negative number greater than -127"));
        }
        String rtpObserverId = UUID.randomUUID().toString();
        return createRtpObserver(rtpObserverId, Method.ROUTER_CREATE_AUDIOLEVELOBSERVER,
                Body.Router_CreateAudioLevelObserverRequest,
                builder -> {
                    int id = builder.createString(rtpObserverId);
                    int observerOptions = FBS.AudioLevelObserver.AudioLevelObserverOptions.createAudioLevelObserverOptions(
                            builder, given.maxEntries(), (byte) given.threshold(), given.interval());
                    return FBS.Router.CreateAudioLevelObserverRequest.createCreateAudioLevelObserverRequest(builder, id, observerOptions);
                },
                () -> new AudioLevelObserver(new RtpObserverInternal(id, rtpObserverId), channel, given.appData(), producers::get));
    }

    /** The shared steps of the two create-observer methods, as {@link #createTransport} for transports. */
    private <T extends RtpObserver> CompletableFuture<T> createRtpObserver(String rtpObserverId, int method, byte bodyType,
            BodyWriter body, java.util.function.Supplier<T> factory) {
        channel.buffer(rtpObserverId);
        return channel.request(method, id, bodyType, body).thenApply(response -> {
            T rtpObserver = factory.get();
            rtpObservers.put(rtpObserver.id(), rtpObserver);
            rtpObserver.on(RtpObserver.INTERNAL_CLOSE, nothing -> rtpObservers.remove(rtpObserver.id()));
            observer.emit(NEW_RTP_OBSERVER, rtpObserver);
            if (closed()) {
                rtpObservers.remove(rtpObserver.id());
                rtpObserver.routerClosed();
            }
            return rtpObserver;
        }).whenComplete((rtpObserver, error) -> {
            if (error != null) {
                channel.unsubscribe(rtpObserverId);
            }
        });
    }

    /**
     * Whether an endpoint with {@code rtpCapabilities} can consume the producer; {@code false} (and an
     * error in the log) for an unknown producer or invalid capabilities.
     */
    public boolean canConsume(String producerId, RtpCapabilities rtpCapabilities) {
        Producer producer = producers.get(producerId);
        if (producer == null) {
            LOG.error("canConsume() | Producer with id \"{}\" not found", producerId);
            return false;
        }
        try {
            return Ortc.canConsume(producer.consumableRtpParameters(), rtpCapabilities);
        } catch (RuntimeException e) {
            LOG.error("canConsume() | unexpected error: {}", e.toString());
            return false;
        }
    }

    /** Writes a create-transport request for the transport id it is given. */
    @FunctionalInterface
    private interface CreateRequestWriter {
        int write(FlatBufferBuilder builder, String transportId);
    }

    /** Builds the transport object from the worker's answer (its dump). */
    @FunctionalInterface
    private interface TransportFactory<T extends Transport> {
        T create(TransportContext context, Response response);
    }

    /**
     * The steps every create-transport method shares: a fresh id whose notifications the channel keeps
     * until the transport subscribes (the worker may report a state change before answering), the
     * request, then the object, registered in this router and announced on the observer.
     */
    private <T extends Transport> CompletableFuture<T> createTransport(int method, byte bodyType,
            CreateRequestWriter request, TransportFactory<T> factory, Map<String, Object> appData) {
        String transportId = UUID.randomUUID().toString();
        channel.buffer(transportId);
        BodyWriter body = builder -> request.write(builder, transportId);
        return channel.request(method, id, bodyType, body).thenApply(response -> {
            T transport = factory.create(new TransportContext(id, transportId, channel, appData, links), response);
            register(transport);
            return transport;
        }).whenComplete((transport, error) -> {
            if (error != null) {
                channel.unsubscribe(transportId);
            }
        });
    }

    private void register(Transport transport) {
        transports.put(transport.id(), transport);
        transport.on(Transport.INTERNAL_CLOSE, nothing -> transports.remove(transport.id()));
        transport.on(Transport.INTERNAL_LISTEN_SERVER_CLOSE, nothing -> transports.remove(transport.id()));
        transport.on(Transport.INTERNAL_NEW_PRODUCER, producer -> producers.put(producer.id(), producer));
        transport.on(Transport.INTERNAL_PRODUCER_CLOSE, producer -> producers.remove(producer.id()));
        transport.on(Transport.INTERNAL_NEW_DATA_PRODUCER, dataProducer -> dataProducers.put(dataProducer.id(), dataProducer));
        transport.on(Transport.INTERNAL_DATA_PRODUCER_CLOSE, dataProducer -> dataProducers.remove(dataProducer.id()));
        observer.emit(NEW_TRANSPORT, transport);
        // Closed while the worker was creating it: the worker closed it with the router. Checked
        // after the put, so a close running meanwhile either sees the transport or is seen here.
        if (closed()) {
            transports.remove(transport.id());
            transport.routerClosed();
        }
    }

    private static List<ListenInfo> listenInfosFromListenIps(WebRtcTransportOptions options, boolean enableUdp, boolean enableTcp) {
        List<TransportProtocol> orderedProtocols = new ArrayList<>();
        boolean preferUdp = options.preferUdp();
        boolean preferTcp = options.preferTcp();
        if (enableUdp && (preferUdp || !enableTcp || !preferTcp)) {
            orderedProtocols.add(TransportProtocol.UDP);
            if (enableTcp) {
                orderedProtocols.add(TransportProtocol.TCP);
            }
        } else if (enableTcp && ((preferTcp && !preferUdp) || !enableUdp)) {
            orderedProtocols.add(TransportProtocol.TCP);
            if (enableUdp) {
                orderedProtocols.add(TransportProtocol.UDP);
            }
        }
        List<ListenInfo> listenInfos = new ArrayList<>();
        for (ListenIp listenIp : options.listenIps()) {
            if (listenIp == null) {
                throw new TypeError("wrong listenIp");
            }
            for (TransportProtocol protocol : orderedProtocols) {
                listenInfos.add(ListenInfo.builder().protocol(protocol).ip(listenIp.ip())
                        .announcedAddress(listenIp.announcedIp()).port(options.port()).build());
            }
        }
        return listenInfos;
    }

    private static ListenInfo listenInfoFromListenIp(ListenIp listenIp, Integer port) {
        return ListenInfo.builder().protocol(TransportProtocol.UDP).ip(listenIp.ip())
                .announcedAddress(listenIp.announcedIp()).port(port).build();
    }

    private static Map<String, List<String>> multiMap(int length, IntFunction<FBS.Common.StringStringArray> element) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            FBS.Common.StringStringArray entry = element.apply(i);
            map.put(entry.key(), TransportFbs.strings(entry.valuesLength(), entry::values));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Map<String, String> map(int length, IntFunction<FBS.Common.StringString> element) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            FBS.Common.StringString entry = element.apply(i);
            map.put(entry.key(), entry.value());
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** What this router's transports see of it. */
    private final class Links implements RouterLinks {

        @Override
        public RtpCapabilities rtpCapabilities() {
            return rtpCapabilities;
        }

        @Override
        public Producer producer(String producerId) {
            return producers.get(producerId);
        }

        @Override
        public DataProducer dataProducer(String dataProducerId) {
            return dataProducers.get(dataProducerId);
        }
    }

    @Override
    public String toString() {
        return "Router[" + id + "]";
    }
}
