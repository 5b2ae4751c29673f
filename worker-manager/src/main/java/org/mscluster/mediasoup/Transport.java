package org.mscluster.mediasoup;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mscluster.channel.Channel;
import org.mscluster.channel.TypeError;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.sctp.SctpNegotiatedCapabilities;
import org.mscluster.mediasoup.sctp.SctpParameters;
import org.mscluster.mediasoup.transport.SctpState;
import org.mscluster.mediasoup.transport.TransportDump;
import org.mscluster.mediasoup.transport.TransportFbs;
import org.mscluster.mediasoup.transport.TransportStat;
import org.mscluster.mediasoup.transport.TransportTraceEventData;
import org.mscluster.mediasoup.transport.TransportTraceEventType;
import org.mscluster.mediasoup.transport.TransportType;
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

    // Node's '@' events: how the router and a WebRtcServer keep their maps, not for applications.
    static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");
    static final EventType<Void> INTERNAL_LISTEN_SERVER_CLOSE = EventType.of("@listenserverclose");

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
    final Channel channelForTesting() {
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
    final void routerClosed() {
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
    final void listenServerClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.unsubscribe(id);
        onClosed();
        closeChildren(false);
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
    private void closeChildren(boolean tellRouter) {
        // Filled in with the producer and consumer classes.
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
        if (types == null) {
            return CompletableFuture.failedFuture(new TypeError("types must be an array"));
        }
        // Duplicates are dropped here; the worker keeps a set anyway.
        LinkedHashSet<TransportTraceEventType> distinctTypes = new LinkedHashSet<>();
        for (TransportTraceEventType type : types) {
            if (type == null) {
                return CompletableFuture.failedFuture(new TypeError("every type must be a string"));
            }
            distinctTypes.add(type);
        }
        byte[] distinct = new byte[distinctTypes.size()];
        int i = 0;
        for (TransportTraceEventType type : distinctTypes) {
            distinct[i++] = (byte) TransportFbs.traceEventType(type);
        }
        return channel.request(Method.TRANSPORT_ENABLE_TRACE_EVENT, id, Body.Transport_EnableTraceEventRequest,
                builder -> EnableTraceEventRequest.createEnableTraceEventRequest(builder,
                        EnableTraceEventRequest.createEventsVector(builder, distinct)))
                .thenApply(response -> null);
    }

    /**
     * Node's form, taking event names: names mediasoup does not know are ignored, as the Node layer
     * ignores them.
     */
    public CompletableFuture<Void> enableTraceEvent(String... types) {
        if (types == null) {
            return CompletableFuture.failedFuture(new TypeError("types must be an array"));
        }
        List<TransportTraceEventType> known = new ArrayList<>();
        for (String type : types) {
            if (type == null) {
                return CompletableFuture.failedFuture(new TypeError("every type must be a string"));
            }
            TransportTraceEventType eventType = TransportTraceEventType.fromValue(type);
            if (eventType != null) {
                known.add(eventType);
            }
        }
        return enableTraceEvent(known);
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
        // Filled in with the data consumers' SCTP stream id allocation.
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
