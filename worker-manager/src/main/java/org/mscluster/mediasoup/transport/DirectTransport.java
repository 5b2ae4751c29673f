package org.mscluster.mediasoup.transport;

import FBS.DirectTransport.DumpResponse;
import FBS.DirectTransport.GetStatsResponse;
import FBS.DirectTransport.RtcpNotification;
import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.Request.Method;
import FBS.Transport.SendRtcpNotification;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.events.EventType;

/**
 * A transport without network: RTP, RTCP and data messages travel over the channel between the
 * application and the worker (direct producers send, direct consumers receive), for injecting or
 * inspecting media and data in Java.
 */
public final class DirectTransport extends Transport {

    /** An RTCP packet the worker sent on this transport (emitted on the transport only, as in Node). */
    public static final EventType<byte[]> RTCP = EventType.of("rtcp");

    public DirectTransport(TransportContext context, DirectTransportDump data) {
        super(context, null, null);
        subscribeToWorker();
    }

    @Override
    public TransportType type() {
        return TransportType.DIRECT;
    }

    @Override
    public CompletableFuture<DirectTransportDump> dump() {
        return channel.request(Method.TRANSPORT_DUMP, id)
                .thenApply(response -> parseDump((DumpResponse) response.body(new DumpResponse())));
    }

    @Override
    public CompletableFuture<List<DirectTransportStat>> getStats() {
        return channel.request(Method.TRANSPORT_GET_STATS, id).thenApply(response -> {
            GetStatsResponse stats = (GetStatsResponse) response.body(new GetStatsResponse());
            return List.of(new DirectTransportStat(TransportFbs.baseStats(stats.base())));
        });
    }

    /** Nothing to connect: completes at once. */
    public CompletableFuture<Void> connect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> setMaxIncomingBitrate(long bitrate) {
        return CompletableFuture.failedFuture(new UnsupportedError("setMaxIncomingBitrate() not implemented in DirectTransport"));
    }

    @Override
    public CompletableFuture<Void> setMaxOutgoingBitrate(long bitrate) {
        return CompletableFuture.failedFuture(new UnsupportedError("setMaxOutgoingBitrate() not implemented in DirectTransport"));
    }

    @Override
    public CompletableFuture<Void> setMinOutgoingBitrate(long bitrate) {
        return CompletableFuture.failedFuture(new UnsupportedError("setMinOutgoingBitrate() not implemented in DirectTransport"));
    }

    /** Hands the worker an RTCP packet as if it had arrived on this transport. */
    public void sendRtcp(byte[] rtcpPacket) {
        if (rtcpPacket == null) {
            throw new TypeError("rtcpPacket must be a Buffer");
        }
        channel.notify(Event.TRANSPORT_SEND_RTCP, id, FBS.Notification.Body.Transport_SendRtcpNotification,
                builder -> SendRtcpNotification.createSendRtcpNotification(builder,
                        SendRtcpNotification.createDataVector(builder, rtcpPacket)));
    }

    @Override
    boolean onNotification(Notification notification) {
        if (notification.event() != Event.DIRECTTRANSPORT_RTCP) {
            return false;
        }
        if (!closed()) {
            RtcpNotification body = (RtcpNotification) notification.body(new RtcpNotification());
            byte[] packet = new byte[body.dataLength()];
            body.dataAsByteBuffer().get(packet);
            emit(RTCP, packet);
        }
        return true;
    }

    public static DirectTransportDump parseDump(DumpResponse dump) {
        return new DirectTransportDump(TransportFbs.baseDump(dump.base()));
    }
}
