package org.mscluster.mediasoup.transport;

import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.Request.Body;
import FBS.Request.Method;
import FBS.Transport.RestartIceResponse;
import FBS.WebRtcTransport.ConnectRequest;
import FBS.WebRtcTransport.ConnectResponse;
import FBS.WebRtcTransport.DtlsStateChangeNotification;
import FBS.WebRtcTransport.DumpResponse;
import FBS.WebRtcTransport.GetStatsResponse;
import FBS.WebRtcTransport.IceSelectedTupleChangeNotification;
import FBS.WebRtcTransport.IceStateChangeNotification;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;

/**
 * A transport to a WebRTC endpoint (browser, mediasoup-client): ICE Lite, DTLS, SRTP and optional
 * SCTP data channels. Listens on its own sockets or on a {@link WebRtcServer}'s. The states below
 * follow the worker's notifications; each change is emitted on the transport and on its observer.
 */
public final class WebRtcTransport extends Transport {

    public static final EventType<IceState> ICE_STATE_CHANGE = EventType.of("icestatechange");
    public static final EventType<TransportTuple> ICE_SELECTED_TUPLE_CHANGE = EventType.of("iceselectedtuplechange");
    public static final EventType<DtlsState> DTLS_STATE_CHANGE = EventType.of("dtlsstatechange");

    private final IceRole iceRole;
    private final List<IceCandidate> iceCandidates;
    private volatile IceParameters iceParameters;
    private volatile IceState iceState;
    private volatile TransportTuple iceSelectedTuple;
    private volatile DtlsParameters dtlsParameters;
    private volatile DtlsState dtlsState;
    private volatile String dtlsRemoteCert;

    public WebRtcTransport(TransportContext context, WebRtcTransportDump data) {
        super(context, data.sctpParameters(), data.sctpState());
        // The worker is ICE Lite: always controlled, whatever the dump says.
        this.iceRole = IceRole.CONTROLLED;
        this.iceParameters = data.iceParameters();
        this.iceCandidates = data.iceCandidates();
        this.iceState = data.iceState();
        this.iceSelectedTuple = data.iceSelectedTuple();
        this.dtlsParameters = data.dtlsParameters();
        this.dtlsState = data.dtlsState();
        subscribeToWorker();
    }

    @Override
    public TransportType type() {
        return TransportType.WEBRTC;
    }

    public IceRole iceRole() {
        return iceRole;
    }

    public IceParameters iceParameters() {
        return iceParameters;
    }

    public List<IceCandidate> iceCandidates() {
        return iceCandidates;
    }

    public IceState iceState() {
        return iceState;
    }

    /** The address pair ICE picked; {@code null} until ICE connected and once closed. */
    public TransportTuple iceSelectedTuple() {
        return iceSelectedTuple;
    }

    public DtlsParameters dtlsParameters() {
        return dtlsParameters;
    }

    public DtlsState dtlsState() {
        return dtlsState;
    }

    /** The remote certificate (PEM), known once DTLS connected. */
    public String dtlsRemoteCert() {
        return dtlsRemoteCert;
    }

    @Override
    void onClosed() {
        iceState = IceState.CLOSED;
        iceSelectedTuple = null;
        dtlsState = DtlsState.CLOSED;
        super.onClosed();
    }

    @Override
    public CompletableFuture<WebRtcTransportDump> dump() {
        return channel.request(Method.TRANSPORT_DUMP, id)
                .thenApply(response -> parseDump((DumpResponse) response.body(new DumpResponse())));
    }

    @Override
    public CompletableFuture<List<WebRtcTransportStat>> getStats() {
        return channel.request(Method.TRANSPORT_GET_STATS, id).thenApply(response -> {
            GetStatsResponse stats = (GetStatsResponse) response.body(new GetStatsResponse());
            return List.of(new WebRtcTransportStat(
                    TransportFbs.baseStats(stats.base()),
                    IceDtlsFbs.iceRole(stats.iceRole()),
                    IceDtlsFbs.iceState(stats.iceState()),
                    TransportFbs.tuple(stats.iceSelectedTuple()),
                    IceDtlsFbs.dtlsState(stats.dtlsState())));
        });
    }

    /**
     * Gives the endpoint's DTLS parameters. Without a role there, mediasoup takes the opposite of the
     * client's; the role it took is then in {@link #dtlsParameters()}.
     */
    public CompletableFuture<Void> connect(DtlsParameters remoteDtlsParameters) {
        if (remoteDtlsParameters == null) {
            return CompletableFuture.failedFuture(new TypeError("missing dtlsParameters"));
        }
        return channel.request(Method.WEBRTCTRANSPORT_CONNECT, id, Body.WebRtcTransport_ConnectRequest,
                builder -> ConnectRequest.createConnectRequest(builder, IceDtlsFbs.dtlsParameters(builder, remoteDtlsParameters)))
                .thenApply(response -> {
                    ConnectResponse connected = (ConnectResponse) response.body(new ConnectResponse());
                    dtlsParameters = dtlsParameters.withRole(IceDtlsFbs.dtlsRole(connected.dtlsLocalRole()));
                    return null;
                });
    }

    /** New local ICE credentials, for an ICE restart on the client. */
    public CompletableFuture<IceParameters> restartIce() {
        return channel.request(Method.TRANSPORT_RESTART_ICE, id).thenApply(response -> {
            RestartIceResponse restarted = (RestartIceResponse) response.body(new RestartIceResponse());
            IceParameters parameters = new IceParameters(restarted.usernameFragment(), restarted.password(), restarted.iceLite());
            iceParameters = parameters;
            return parameters;
        });
    }

    @Override
    boolean onNotification(Notification notification) {
        switch (notification.event()) {
            case Event.WEBRTCTRANSPORT_ICE_STATE_CHANGE -> {
                IceStateChangeNotification body = (IceStateChangeNotification) notification.body(new IceStateChangeNotification());
                IceState state = IceDtlsFbs.iceState(body.iceState());
                iceState = state;
                emit(ICE_STATE_CHANGE, state);
                observer().emit(ICE_STATE_CHANGE, state);
            }
            case Event.WEBRTCTRANSPORT_ICE_SELECTED_TUPLE_CHANGE -> {
                IceSelectedTupleChangeNotification body = (IceSelectedTupleChangeNotification)
                        notification.body(new IceSelectedTupleChangeNotification());
                TransportTuple tuple = TransportFbs.tuple(body.tuple());
                iceSelectedTuple = tuple;
                emit(ICE_SELECTED_TUPLE_CHANGE, tuple);
                observer().emit(ICE_SELECTED_TUPLE_CHANGE, tuple);
            }
            case Event.WEBRTCTRANSPORT_DTLS_STATE_CHANGE -> {
                DtlsStateChangeNotification body = (DtlsStateChangeNotification) notification.body(new DtlsStateChangeNotification());
                DtlsState state = IceDtlsFbs.dtlsState(body.dtlsState());
                dtlsState = state;
                if (state == DtlsState.CONNECTED) {
                    dtlsRemoteCert = body.remoteCert();
                }
                emit(DTLS_STATE_CHANGE, state);
                observer().emit(DTLS_STATE_CHANGE, state);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    public static WebRtcTransportDump parseDump(DumpResponse dump) {
        return new WebRtcTransportDump(
                TransportFbs.baseDump(dump.base()),
                IceRole.CONTROLLED,
                IceDtlsFbs.iceParameters(dump.iceParameters()),
                IceDtlsFbs.iceCandidates(dump),
                IceDtlsFbs.iceState(dump.iceState()),
                TransportFbs.tuple(dump.iceSelectedTuple()),
                IceDtlsFbs.dtlsParameters(dump.dtlsParameters()),
                IceDtlsFbs.dtlsState(dump.dtlsState()));
    }
}
