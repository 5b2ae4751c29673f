package org.mscluster.mediasoup.transport;

import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.PlainTransport.ConnectRequest;
import FBS.PlainTransport.ConnectResponse;
import FBS.PlainTransport.DumpResponse;
import FBS.PlainTransport.GetStatsResponse;
import FBS.PlainTransport.RtcpTupleNotification;
import FBS.PlainTransport.TupleNotification;
import FBS.Request.Body;
import FBS.Request.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mscluster.mediasoup.events.EventType;

/**
 * Plain RTP/RTCP over UDP (or TCP), optionally SRTP, for endpoints without ICE/DTLS: ffmpeg,
 * GStreamer, SIP gateways, recorders. The remote address is given with {@link #connect} or, with
 * comedia, learned from the first packet received ({@link #TUPLE} and {@link #RTCP_TUPLE} tell it).
 */
public final class PlainTransport extends Transport {

    public static final EventType<TransportTuple> TUPLE = EventType.of("tuple");
    public static final EventType<TransportTuple> RTCP_TUPLE = EventType.of("rtcptuple");

    /** Arguments of {@link #connect}: what the remote endpoint listens on, and its SRTP key if SRTP is enabled. */
    public record ConnectParams(String ip, Integer port, Integer rtcpPort, SrtpParameters srtpParameters) {

        public static ConnectParams of(String ip, int port) {
            return new ConnectParams(ip, port, null, null);
        }

        public static ConnectParams of(String ip, int port, int rtcpPort) {
            return new ConnectParams(ip, port, rtcpPort, null);
        }

        /** Comedia with SRTP: only the remote key, the address comes with the first packet. */
        public static ConnectParams of(SrtpParameters srtpParameters) {
            return new ConnectParams(null, null, null, srtpParameters);
        }
    }

    private final boolean rtcpMux;
    private final boolean comedia;
    private volatile TransportTuple tuple;
    private volatile TransportTuple rtcpTuple;
    private volatile SrtpParameters srtpParameters;

    public PlainTransport(TransportContext context, PlainTransportDump data) {
        super(context, data.sctpParameters(), data.sctpState());
        this.rtcpMux = data.rtcpMux();
        this.comedia = data.comedia();
        this.tuple = data.tuple();
        this.rtcpTuple = data.rtcpTuple();
        this.srtpParameters = data.srtpParameters();
        subscribeToWorker();
    }

    @Override
    public TransportType type() {
        return TransportType.PLAIN;
    }

    public boolean rtcpMux() {
        return rtcpMux;
    }

    public boolean comedia() {
        return comedia;
    }

    /** Local (and, once known, remote) address of RTP, and of RTCP too with rtcpMux. */
    public TransportTuple tuple() {
        return tuple;
    }

    /** Address of RTCP without rtcpMux; {@code null} with it. */
    public TransportTuple rtcpTuple() {
        return rtcpTuple;
    }

    /** The local SRTP key to give the remote endpoint; {@code null} without SRTP. */
    public SrtpParameters srtpParameters() {
        return srtpParameters;
    }

    @Override
    public CompletableFuture<PlainTransportDump> dump() {
        return channel.request(Method.TRANSPORT_DUMP, id)
                .thenApply(response -> parseDump((DumpResponse) response.body(new DumpResponse())));
    }

    @Override
    public CompletableFuture<List<PlainTransportStat>> getStats() {
        return channel.request(Method.TRANSPORT_GET_STATS, id).thenApply(response -> {
            GetStatsResponse stats = (GetStatsResponse) response.body(new GetStatsResponse());
            return List.of(new PlainTransportStat(
                    TransportFbs.baseStats(stats.base()),
                    stats.rtcpMux(),
                    stats.comedia(),
                    TransportFbs.tuple(stats.tuple()),
                    TransportFbs.tuple(stats.rtcpTuple())));
        });
    }

    /**
     * Tells where the remote endpoint listens (not needed with comedia) and its SRTP key (required
     * with SRTP, refused without). The worker validates and refuses a second connect.
     */
    public CompletableFuture<Void> connect(ConnectParams params) {
        ConnectParams given = params == null ? new ConnectParams(null, null, null, null) : params;
        return channel.request(Method.PLAINTRANSPORT_CONNECT, id, Body.PlainTransport_ConnectRequest, builder -> {
            int ip = given.ip() == null ? 0 : builder.createString(given.ip());
            int srtp = given.srtpParameters() == null ? 0 : TransportFbs.srtpParameters(builder, given.srtpParameters());
            ConnectRequest.startConnectRequest(builder);
            if (ip != 0) {
                ConnectRequest.addIp(builder, ip);
            }
            if (given.port() != null) {
                TransportFbs.forced(builder, () -> ConnectRequest.addPort(builder, given.port()));
            }
            if (given.rtcpPort() != null) {
                TransportFbs.forced(builder, () -> ConnectRequest.addRtcpPort(builder, given.rtcpPort()));
            }
            if (srtp != 0) {
                ConnectRequest.addSrtpParameters(builder, srtp);
            }
            return ConnectRequest.endConnectRequest(builder);
        }).thenApply(response -> {
            ConnectResponse connected = (ConnectResponse) response.body(new ConnectResponse());
            if (connected.tuple() != null) {
                tuple = TransportFbs.tuple(connected.tuple());
            }
            if (connected.rtcpTuple() != null) {
                rtcpTuple = TransportFbs.tuple(connected.rtcpTuple());
            }
            if (connected.srtpParameters() != null) {
                srtpParameters = TransportFbs.srtpParameters(connected.srtpParameters());
            }
            return null;
        });
    }

    @Override
    boolean onNotification(Notification notification) {
        switch (notification.event()) {
            case Event.PLAINTRANSPORT_TUPLE -> {
                TupleNotification body = (TupleNotification) notification.body(new TupleNotification());
                TransportTuple newTuple = TransportFbs.tuple(body.tuple());
                tuple = newTuple;
                emit(TUPLE, newTuple);
                observer().emit(TUPLE, newTuple);
            }
            case Event.PLAINTRANSPORT_RTCP_TUPLE -> {
                RtcpTupleNotification body = (RtcpTupleNotification) notification.body(new RtcpTupleNotification());
                TransportTuple newTuple = TransportFbs.tuple(body.tuple());
                rtcpTuple = newTuple;
                emit(RTCP_TUPLE, newTuple);
                observer().emit(RTCP_TUPLE, newTuple);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    public static PlainTransportDump parseDump(DumpResponse dump) {
        return new PlainTransportDump(
                TransportFbs.baseDump(dump.base()),
                dump.rtcpMux(),
                dump.comedia(),
                TransportFbs.tuple(dump.tuple()),
                TransportFbs.tuple(dump.rtcpTuple()),
                TransportFbs.srtpParameters(dump.srtpParameters()));
    }
}
