package org.mscluster.mediasoup.fbs;

import FBS.RtpStream.BaseStats;
import FBS.RtpStream.BitrateByLayer;
import FBS.RtpStream.RecvStats;
import FBS.RtpStream.SendStats;
import FBS.RtpStream.Stats;
import FBS.RtpStream.StatsData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mscluster.mediasoup.rtp.RtpStreamRecvStats;
import org.mscluster.mediasoup.rtp.RtpStreamSendStats;
import org.mscluster.mediasoup.rtp.RtpStreamStats;

/** RTP stream statistics from the schema's {@code RtpStream.Stats}, as Node's {@code rtpStreamStatsFbsUtils}. */
public final class RtpStreamStatsFbs {

    private RtpStreamStatsFbs() {
    }

    /** Receive stats if the worker sent {@code RecvStats}, send stats otherwise (as Node decides). */
    public static RtpStreamStats parse(Stats binary) {
        return binary.dataType() == StatsData.RecvStats ? parseRecv(binary) : parseSend(binary);
    }

    public static RtpStreamRecvStats parseRecv(Stats binary) {
        RecvStats recv = (RecvStats) binary.data(new RecvStats());
        BaseStats base = (BaseStats) recv.base().data(new BaseStats());
        Map<String, Long> bitrateByLayer = new LinkedHashMap<>();
        for (int i = 0; i < recv.bitrateByLayerLength(); i++) {
            BitrateByLayer layer = recv.bitrateByLayer(i);
            bitrateByLayer.put(layer.layer(), layer.bitrate());
        }
        return new RtpStreamRecvStats(RtpStreamRecvStats.TYPE,
                base.timestamp(), base.ssrc(), rtxSsrc(base), RtpEncodingsFbs.emptyToNull(base.rid()),
                MediaKinds.fromFbs(base.kind()), base.mimeType(), base.packetsLost(), base.fractionLost(),
                base.jitter(), base.packetsDiscarded(), base.packetsRetransmitted(), base.packetsRepaired(),
                base.nackCount(), base.nackPacketCount(), base.pliCount(), base.firCount(), base.roundTripTime(),
                rtxPacketsDiscarded(base), base.score(),
                recv.packetCount(), recv.byteCount(), recv.bitrate(), bitrateByLayer);
    }

    public static RtpStreamSendStats parseSend(Stats binary) {
        SendStats send = (SendStats) binary.data(new SendStats());
        BaseStats base = (BaseStats) send.base().data(new BaseStats());
        return new RtpStreamSendStats(RtpStreamSendStats.TYPE,
                base.timestamp(), base.ssrc(), rtxSsrc(base), RtpEncodingsFbs.emptyToNull(base.rid()),
                MediaKinds.fromFbs(base.kind()), base.mimeType(), base.packetsLost(), base.fractionLost(),
                base.jitter(), base.packetsDiscarded(), base.packetsRetransmitted(), base.packetsRepaired(),
                base.nackCount(), base.nackPacketCount(), base.pliCount(), base.firCount(), base.roundTripTime(),
                rtxPacketsDiscarded(base), base.score(),
                send.packetCount(), send.byteCount(), send.bitrate());
    }

    private static Long rtxSsrc(BaseStats base) {
        return base.hasRtxSsrc() ? base.rtxSsrc() : null;
    }

    /** Node reports it only when non-zero ("rtxPacketsDiscarded ? … : undefined"). */
    private static Long rtxPacketsDiscarded(BaseStats base) {
        return base.rtxPacketsDiscarded() != 0 ? base.rtxPacketsDiscarded() : null;
    }
}
