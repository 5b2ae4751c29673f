package org.mscluster.mediasoup.fbs;

import static org.assertj.core.api.Assertions.assertThat;

import FBS.RtpStream.BaseStats;
import FBS.RtpStream.BitrateByLayer;
import FBS.RtpStream.RecvStats;
import FBS.RtpStream.SendStats;
import FBS.RtpStream.Stats;
import FBS.RtpStream.StatsData;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpStreamRecvStats;
import org.mscluster.mediasoup.rtp.RtpStreamSendStats;
import org.mscluster.mediasoup.rtp.RtpStreamStats;

class RtpStreamStatsFbsTest {

    private static int baseStats(FlatBufferBuilder builder, boolean withRtx) {
        int mime = builder.createString("video/VP8");
        int rid = builder.createString("r1");
        BaseStats.startBaseStats(builder);
        BaseStats.addTimestamp(builder, 123456789L);
        BaseStats.addSsrc(builder, 4294967295L);
        BaseStats.addKind(builder, FBS.RtpParameters.MediaKind.VIDEO);
        BaseStats.addMimeType(builder, mime);
        BaseStats.addPacketsLost(builder, -2);
        BaseStats.addFractionLost(builder, 200);
        BaseStats.addJitter(builder, 7);
        BaseStats.addNackCount(builder, 3);
        BaseStats.addPliCount(builder, 4);
        BaseStats.addRid(builder, rid);
        if (withRtx) {
            OptionalFields.addInt(builder, 15, 0L);
            BaseStats.addRtxPacketsDiscarded(builder, 9);
        }
        BaseStats.addRoundTripTime(builder, 1.5f);
        BaseStats.addScore(builder, 10);
        int base = BaseStats.endBaseStats(builder);
        return Stats.createStats(builder, StatsData.BaseStats, base);
    }

    @Test
    void receiveStatsParse() {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int base = baseStats(builder, true);
        int layers = RecvStats.createBitrateByLayerVector(builder, new int[] {
            BitrateByLayer.createBitrateByLayer(builder, builder.createString("0.0"), 1000),
            BitrateByLayer.createBitrateByLayer(builder, builder.createString("1.2"), 2000)});
        int recv = RecvStats.createRecvStats(builder, base, 10, 1000, 8000, layers);
        builder.finish(Stats.createStats(builder, StatsData.RecvStats, recv));

        RtpStreamStats stats = RtpStreamStatsFbs.parse(Stats.getRootAsStats(builder.dataBuffer()));

        assertThat(stats).isEqualTo(new RtpStreamRecvStats("inbound-rtp", 123456789L, 4294967295L, 0L, "r1",
                MediaKind.VIDEO, "video/VP8", -2, 200, 7, 0, 0, 0, 3, 0, 4, 0, 1.5, 9L, 10,
                10, 1000, 8000, Map.of("0.0", 1000L, "1.2", 2000L)));
    }

    @Test
    void sendStatsParseWithoutRtx() {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int base = baseStats(builder, false);
        int send = SendStats.createSendStats(builder, base, 20, 2000, 16000);
        builder.finish(Stats.createStats(builder, StatsData.SendStats, send));

        RtpStreamStats stats = RtpStreamStatsFbs.parse(Stats.getRootAsStats(builder.dataBuffer()));

        assertThat(stats).isInstanceOf(RtpStreamSendStats.class);
        assertThat(stats.type()).isEqualTo("outbound-rtp");
        assertThat(stats.rtxSsrc()).isNull();
        assertThat(stats.rtxPacketsDiscarded()).isNull();
        assertThat(stats.packetCount()).isEqualTo(20);
        assertThat(stats.byteCount()).isEqualTo(2000);
        assertThat(stats.bitrate()).isEqualTo(16000);
        assertThat(stats.kind()).isEqualTo(MediaKind.VIDEO);
    }
}
