package org.mscluster.mediasoup.fbs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code info} of producer and consumer {@code trace} events, as the maps Node's
 * {@code info.unpack()} gives: the union member's fields under camelCase names, an RTP packet dump
 * as a nested map. Maps rather than one record per union member because Node types {@code info}
 * as {@code Record<string, unknown>} and applications mostly log or forward it.
 */
public final class TraceInfoFbs {

    private TraceInfoFbs() {
    }

    /** A producer trace's info, or {@code null} when it has none. */
    public static Map<String, Object> producerInfo(FBS.Producer.TraceNotification trace) {
        switch (trace.infoType()) {
            case FBS.Producer.TraceInfo.KeyFrameTraceInfo: {
                FBS.Producer.KeyFrameTraceInfo info =
                        (FBS.Producer.KeyFrameTraceInfo) trace.info(new FBS.Producer.KeyFrameTraceInfo());
                return packetInfo(info.rtpPacket(), info.isRtx());
            }
            case FBS.Producer.TraceInfo.RtpTraceInfo: {
                FBS.Producer.RtpTraceInfo info = (FBS.Producer.RtpTraceInfo) trace.info(new FBS.Producer.RtpTraceInfo());
                return packetInfo(info.rtpPacket(), info.isRtx());
            }
            case FBS.Producer.TraceInfo.FirTraceInfo: {
                FBS.Producer.FirTraceInfo info = (FBS.Producer.FirTraceInfo) trace.info(new FBS.Producer.FirTraceInfo());
                return Map.of("ssrc", info.ssrc());
            }
            case FBS.Producer.TraceInfo.PliTraceInfo: {
                FBS.Producer.PliTraceInfo info = (FBS.Producer.PliTraceInfo) trace.info(new FBS.Producer.PliTraceInfo());
                return Map.of("ssrc", info.ssrc());
            }
            case FBS.Producer.TraceInfo.SrTraceInfo: {
                FBS.Producer.SrTraceInfo info = (FBS.Producer.SrTraceInfo) trace.info(new FBS.Producer.SrTraceInfo());
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("ssrc", info.ssrc());
                map.put("ntpSec", info.ntpSec());
                map.put("ntpFrac", info.ntpFrac());
                map.put("rtpTs", info.rtpTs());
                map.put("packetCount", info.packetCount());
                map.put("octetCount", info.octetCount());
                return Collections.unmodifiableMap(map);
            }
            default:
                return null;
        }
    }

    /** A consumer trace's info, or {@code null} when it has none. */
    public static Map<String, Object> consumerInfo(FBS.Consumer.TraceNotification trace) {
        switch (trace.infoType()) {
            case FBS.Consumer.TraceInfo.KeyFrameTraceInfo: {
                FBS.Consumer.KeyFrameTraceInfo info =
                        (FBS.Consumer.KeyFrameTraceInfo) trace.info(new FBS.Consumer.KeyFrameTraceInfo());
                return packetInfo(info.rtpPacket(), info.isRtx());
            }
            case FBS.Consumer.TraceInfo.RtpTraceInfo: {
                FBS.Consumer.RtpTraceInfo info = (FBS.Consumer.RtpTraceInfo) trace.info(new FBS.Consumer.RtpTraceInfo());
                return packetInfo(info.rtpPacket(), info.isRtx());
            }
            case FBS.Consumer.TraceInfo.FirTraceInfo: {
                FBS.Consumer.FirTraceInfo info = (FBS.Consumer.FirTraceInfo) trace.info(new FBS.Consumer.FirTraceInfo());
                return Map.of("ssrc", info.ssrc());
            }
            case FBS.Consumer.TraceInfo.PliTraceInfo: {
                FBS.Consumer.PliTraceInfo info = (FBS.Consumer.PliTraceInfo) trace.info(new FBS.Consumer.PliTraceInfo());
                return Map.of("ssrc", info.ssrc());
            }
            default:
                return null;
        }
    }

    /** {@code "in"} or {@code "out"}, from the schema's {@code TraceDirection}. */
    public static String direction(int direction) {
        return direction == FBS.Common.TraceDirection.DIRECTION_IN ? "in" : "out";
    }

    private static Map<String, Object> packetInfo(FBS.RtpPacket.Dump packet, boolean isRtx) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rtpPacket", packet == null ? null : rtpPacket(packet));
        map.put("isRtx", isRtx);
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, Object> rtpPacket(FBS.RtpPacket.Dump packet) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("payloadType", packet.payloadType());
        map.put("sequenceNumber", packet.sequenceNumber());
        map.put("timestamp", packet.timestamp());
        map.put("marker", packet.marker());
        map.put("ssrc", packet.ssrc());
        map.put("isKeyFrame", packet.isKeyFrame());
        map.put("size", packet.size());
        map.put("payloadSize", packet.payloadSize());
        map.put("spatialLayer", packet.spatialLayer());
        map.put("temporalLayer", packet.temporalLayer());
        putIfPresent(map, "mid", packet.mid());
        putIfPresent(map, "rid", packet.rid());
        putIfPresent(map, "rrid", packet.rrid());
        if (packet.hasWideSequenceNumber()) {
            map.put("wideSequenceNumber", packet.wideSequenceNumber());
        }
        return Collections.unmodifiableMap(map);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
