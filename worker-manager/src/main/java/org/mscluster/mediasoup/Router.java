package org.mscluster.mediasoup;

import FBS.Request.Body;
import FBS.Request.Method;
import FBS.Response.Response;
import FBS.Router.CreateDirectTransportRequest;
import FBS.Router.CreatePipeTransportRequest;
import FBS.Router.CreatePlainTransportRequest;
import FBS.Router.CreateWebRtcTransportRequest;
import FBS.Transport.Options;
import FBS.WebRtcTransport.Listen;
import FBS.WebRtcTransport.ListenIndividual;
import FBS.WebRtcTransport.ListenServer;
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
import org.mscluster.channel.TypeError;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.ListenIp;
import org.mscluster.mediasoup.transport.TransportFbs;
import org.mscluster.mediasoup.transport.TransportProtocol;

/**
 * A media router: the producers of its transports can be consumed by any of its transports. Created
 * with {@link Worker#createRouter}; its {@link #rtpCapabilities()} are what clients negotiate
 * against. Closing it closes its transports (and everything on them) and RTP observers.
 */
@SuppressWarnings("deprecation")
public final class Router extends EventEmitter implements AutoCloseable {

    /** Its worker closed (and so did it). */
    public static final EventType<Void> WORKER_CLOSE = EventType.of("workerclose");
    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Transport> NEW_TRANSPORT = EventType.of("newtransport");

    /** Tells the worker object to forget it (Node's {@code @close}). */
    static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");

    private final String id;
    private final Channel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EventEmitter observer = new EventEmitter();
    private final Map<String, Transport> transports = new ConcurrentHashMap<>();
    private final RouterLinks links = new Links();
    private volatile RtpCapabilities rtpCapabilities;
    private volatile Map<String, Object> appData;

    Router(String id, RtpCapabilities rtpCapabilities, Channel channel, Map<String, Object> appData) {
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
    Map<String, Transport> transportsForTesting() {
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
    void workerClosed() {
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
     * @throws TypeError or {@link org.mscluster.channel.UnsupportedError} for codecs ortc refuses
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
                (builder, transportId) -> {
                    int base = Options.createOptions(builder, false, options.initialAvailableOutgoingBitrate(),
                            options.enableSctp(), options.maxSendMessageSize(), options.maxReceiveMessageSize(),
                            options.sctpSendBufferSize(), options.sctpPerStreamSendQueueLimit(),
                            options.sctpMaxReceiverWindowBufferSize(), options.sctpDefaultStreamBufferedAmountLowThreshold(),
                            true);
                    byte listenType;
                    int listen;
                    if (webRtcServer != null) {
                        listenType = Listen.ListenServer;
                        listen = ListenServer.createListenServer(builder, builder.createString(webRtcServer.id()));
                    } else {
                        listenType = Listen.ListenIndividual;
                        int[] infos = TransportFbs.listenInfos(builder, listenInfos);
                        listen = ListenIndividual.createListenIndividual(builder,
                                ListenIndividual.createListenInfosVector(builder, infos));
                    }
                    int webRtcOptions = FBS.WebRtcTransport.WebRtcTransportOptions.createWebRtcTransportOptions(builder,
                            base, listenType, listen, enableUdp, enableTcp, options.preferUdp(), options.preferTcp(),
                            options.iceConsentTimeout());
                    return CreateWebRtcTransportRequest.createCreateWebRtcTransportRequest(builder,
                            builder.createString(transportId), webRtcOptions);
                },
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
                (builder, transportId) -> {
                    int base = Options.createOptions(builder, false, 0, options.enableSctp(), options.maxSendMessageSize(),
                            options.maxReceiveMessageSize(), options.sctpSendBufferSize(),
                            options.sctpPerStreamSendQueueLimit(), options.sctpMaxReceiverWindowBufferSize(),
                            options.sctpDefaultStreamBufferedAmountLowThreshold(), false);
                    int listen = TransportFbs.listenInfo(builder, listenInfo);
                    int rtcpListen = options.rtcpListenInfo() == null ? 0 : TransportFbs.listenInfo(builder, options.rtcpListenInfo());
                    int suite = TransportFbs.cryptoSuite(options.srtpCryptoSuite());
                    int transportIdOffset = builder.createString(transportId);
                    FBS.PlainTransport.PlainTransportOptions.startPlainTransportOptions(builder);
                    FBS.PlainTransport.PlainTransportOptions.addBase(builder, base);
                    FBS.PlainTransport.PlainTransportOptions.addListenInfo(builder, listen);
                    if (rtcpListen != 0) {
                        FBS.PlainTransport.PlainTransportOptions.addRtcpListenInfo(builder, rtcpListen);
                    }
                    FBS.PlainTransport.PlainTransportOptions.addRtcpMux(builder, rtcpMux);
                    FBS.PlainTransport.PlainTransportOptions.addComedia(builder, options.comedia());
                    FBS.PlainTransport.PlainTransportOptions.addEnableSrtp(builder, options.enableSrtp());
                    TransportFbs.forced(builder, () -> FBS.PlainTransport.PlainTransportOptions.addSrtpCryptoSuite(builder, suite));
                    int plainOptions = FBS.PlainTransport.PlainTransportOptions.endPlainTransportOptions(builder);
                    return CreatePlainTransportRequest.createCreatePlainTransportRequest(builder, transportIdOffset, plainOptions);
                },
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
                (builder, transportId) -> {
                    int base = Options.createOptions(builder, false, 0, options.enableSctp(), options.maxSendMessageSize(),
                            options.maxReceiveMessageSize(), options.sctpSendBufferSize(),
                            options.sctpPerStreamSendQueueLimit(), options.sctpMaxReceiverWindowBufferSize(),
                            options.sctpDefaultStreamBufferedAmountLowThreshold(), false);
                    int listen = TransportFbs.listenInfo(builder, listenInfo);
                    int pipeOptions = FBS.PipeTransport.PipeTransportOptions.createPipeTransportOptions(builder, base, listen,
                            options.enableRtx(), options.enableSrtp());
                    return CreatePipeTransportRequest.createCreatePipeTransportRequest(builder,
                            builder.createString(transportId), pipeOptions);
                },
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
                (builder, transportId) -> {
                    int base = Options.createOptions(builder, true, 0, false, given.maxSendMessageSize(),
                            given.maxReceiveMessageSize(), 0, 0, 0, 0, false);
                    int directOptions = FBS.DirectTransport.DirectTransportOptions.createDirectTransportOptions(builder, base);
                    return CreateDirectTransportRequest.createCreateDirectTransportRequest(builder,
                            builder.createString(transportId), directOptions);
                },
                (context, response) -> new DirectTransport(context,
                        DirectTransport.parseDump((FBS.DirectTransport.DumpResponse) response.body(new FBS.DirectTransport.DumpResponse()))),
                given.appData());
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
        observer.emit(NEW_TRANSPORT, transport);
        // Closed while the worker was creating it: the worker closed it with the router.
        if (closed()) {
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
    }

    @Override
    public String toString() {
        return "Router[" + id + "]";
    }
}
