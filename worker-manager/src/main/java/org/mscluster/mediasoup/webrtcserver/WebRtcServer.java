package org.mscluster.mediasoup.webrtcserver;

import FBS.Request.Body;
import FBS.Request.Method;
import FBS.Worker.CloseWebRtcServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.AppData;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportFbs;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.worker.Worker;

/**
 * One set of UDP/TCP sockets shared by many WebRtcTransports (of any router of its worker), so a
 * whole worker serves WebRTC on a single port: the worker tells transports apart by ICE username.
 * Created with {@link Worker#createWebRtcServer}; closing it closes the transports it serves
 * ({@code listenserverclose}).
 */
public final class WebRtcServer extends EventEmitter implements AutoCloseable {

    /** Its worker closed (and so did it). */
    public static final EventType<Void> WORKER_CLOSE = EventType.of("workerclose");
    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<WebRtcTransport> WEBRTC_TRANSPORT_HANDLED = EventType.of("webrtctransporthandled");
    public static final EventType<WebRtcTransport> WEBRTC_TRANSPORT_UNHANDLED = EventType.of("webrtctransportunhandled");

    /** Tells the worker to forget it (Node's {@code @close}). */
    public static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");

    private final String id;
    private final Channel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, WebRtcTransport> webRtcTransports = new ConcurrentHashMap<>();
    private final EventEmitter observer = new EventEmitter();
    private volatile Map<String, Object> appData;

    public WebRtcServer(String id, Channel channel, Map<String, Object> appData) {
        this.id = id;
        this.channel = channel;
        this.appData = AppData.orEmpty(appData);
    }

    public String id() {
        return id;
    }

    public boolean closed() {
        return closed.get();
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

    /** The transports it serves, for tests. */
    public Map<String, WebRtcTransport> webRtcTransportsForTesting() {
        return webRtcTransports;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.request(Method.WORKER_WEBRTCSERVER_CLOSE, null, Body.Worker_CloseWebRtcServerRequest,
                builder -> CloseWebRtcServerRequest.createCloseWebRtcServerRequest(builder, builder.createString(id)))
                .exceptionally(error -> null);
        for (WebRtcTransport transport : List.copyOf(webRtcTransports.values())) {
            transport.listenServerClosed();
            observer.emit(WEBRTC_TRANSPORT_UNHANDLED, transport);
        }
        webRtcTransports.clear();
        emit(INTERNAL_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    /** Its worker closed: the transports it served are closed by their routers, which the worker closes too. */
    public void workerClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        webRtcTransports.clear();
        emit(WORKER_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    public CompletableFuture<WebRtcServerDump> dump() {
        return channel.request(Method.WEBRTCSERVER_DUMP, id).thenApply(response -> {
            FBS.WebRtcServer.DumpResponse dump = (FBS.WebRtcServer.DumpResponse) response.body(new FBS.WebRtcServer.DumpResponse());
            List<WebRtcServerDump.IceUserNameFragment> fragments = new ArrayList<>();
            for (int i = 0; i < dump.localIceUsernameFragmentsLength(); i++) {
                FBS.WebRtcServer.IceUserNameFragment fragment = dump.localIceUsernameFragments(i);
                fragments.add(new WebRtcServerDump.IceUserNameFragment(fragment.localIceUsernameFragment(), fragment.webRtcTransportId()));
            }
            return new WebRtcServerDump(
                    dump.id(),
                    ipPorts(dump.udpSocketsLength(), dump::udpSockets),
                    ipPorts(dump.tcpServersLength(), dump::tcpServers),
                    TransportFbs.strings(dump.webRtcTransportIdsLength(), dump::webRtcTransportIds),
                    List.copyOf(fragments));
        });
    }

    /**
     * A router created {@code transport} on this server: it is served here until it closes. Node
     * forgets it only when the transport itself is closed; a transport closed with its router is
     * forgotten here too, or the server would hold it (and report it unhandled) until it closes.
     */
    public void handleWebRtcTransport(WebRtcTransport transport) {
        webRtcTransports.put(transport.id(), transport);
        observer.emit(WEBRTC_TRANSPORT_HANDLED, transport);
        java.util.function.Consumer<Void> unhandled = nothing -> {
            if (webRtcTransports.remove(transport.id()) != null) {
                observer.emit(WEBRTC_TRANSPORT_UNHANDLED, transport);
            }
        };
        transport.on(Transport.INTERNAL_CLOSE, unhandled);
        transport.on(Transport.ROUTER_CLOSE, unhandled);
    }

    private static List<WebRtcServerDump.IpPort> ipPorts(int length, IntFunction<FBS.WebRtcServer.IpPort> element) {
        List<WebRtcServerDump.IpPort> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            FBS.WebRtcServer.IpPort ipPort = element.apply(i);
            list.add(new WebRtcServerDump.IpPort(ipPort.ip(), ipPort.port()));
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "WebRtcServer[" + id + "]";
    }
}
