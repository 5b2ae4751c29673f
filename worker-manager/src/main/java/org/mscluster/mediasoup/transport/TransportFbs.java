package org.mscluster.mediasoup.transport;

import FBS.Common.StringString;
import FBS.Common.Uint16String;
import FBS.Common.Uint32String;
import FBS.Transport.BweTraceInfo;
import FBS.Transport.BweType;
import FBS.Transport.Dump;
import FBS.Transport.Protocol;
import FBS.Transport.Stats;
import FBS.Transport.TraceEventType;
import FBS.Transport.TraceInfo;
import FBS.Transport.TraceNotification;
import FBS.Transport.Tuple;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.fbs.SctpParametersFbs;
import org.mscluster.mediasoup.sctp.SctpNegotiatedCapabilities;
import org.mscluster.mediasoup.sctp.SctpOptions;
import org.mscluster.mediasoup.sctp.SctpParameters;

/**
 * The worker's FlatBuffers form of the transport types: what the Node layer's {@code Transport.ts}
 * and {@code srtpParametersFbsUtils.ts} parse and serialize. Shared by every transport and by
 * WebRtcServer (listen infos).
 */
public final class TransportFbs {

    private TransportFbs() {
    }

    /**
     * Writes a field even when it holds the schema's default. Needed for optional scalars
     * ({@code = null} in the schema): flatc's Java output skips a value equal to the default, which
     * for those would read as absent rather than as 0.
     */
    public static void forced(FlatBufferBuilder builder, Runnable add) {
        builder.forceDefaults(true);
        try {
            add.run();
        } finally {
            builder.forceDefaults(false);
        }
    }

    /**
     * The options every transport's creation request starts with ({@code FBS.Transport.Options}): SCTP
     * from {@code sctp}, the bandwidth estimation's starting point, and whether data channels are SCTP
     * over DTLS (WebRTC) rather than plain SCTP.
     */
    public static int baseOptions(FlatBufferBuilder builder, long initialAvailableOutgoingBitrate, SctpOptions sctp,
            boolean isDataChannel) {
        return FBS.Transport.Options.createOptions(builder, false, initialAvailableOutgoingBitrate, sctp.enableSctp(),
                sctp.maxSendMessageSize(), sctp.maxReceiveMessageSize(), sctp.sendBufferSize(), sctp.perStreamSendQueueLimit(),
                sctp.maxReceiverWindowBufferSize(), sctp.defaultStreamBufferedAmountLowThreshold(), isDataChannel);
    }

    /**
     * {@code Router_CreateWebRtcTransportRequest}: on the WebRtcServer {@code webRtcServerId} when given,
     * else on {@code listenInfos} of its own.
     */
    public static int webRtcTransportRequest(FlatBufferBuilder builder, String transportId, WebRtcTransportOptions options,
            String webRtcServerId, List<ListenInfo> listenInfos, boolean enableUdp, boolean enableTcp) {
        int base = baseOptions(builder, options.initialAvailableOutgoingBitrate(), options.sctp(), true);
        byte listenType;
        int listen;
        if (webRtcServerId != null) {
            listenType = FBS.WebRtcTransport.Listen.ListenServer;
            listen = FBS.WebRtcTransport.ListenServer.createListenServer(builder, builder.createString(webRtcServerId));
        } else {
            listenType = FBS.WebRtcTransport.Listen.ListenIndividual;
            int[] infos = listenInfos(builder, listenInfos);
            listen = FBS.WebRtcTransport.ListenIndividual.createListenIndividual(builder,
                    FBS.WebRtcTransport.ListenIndividual.createListenInfosVector(builder, infos));
        }
        int webRtcOptions = FBS.WebRtcTransport.WebRtcTransportOptions.createWebRtcTransportOptions(builder, base, listenType,
                listen, enableUdp, enableTcp, options.preferUdp(), options.preferTcp(), options.iceConsentTimeout());
        return FBS.Router.CreateWebRtcTransportRequest.createCreateWebRtcTransportRequest(builder,
                builder.createString(transportId), webRtcOptions);
    }

    /** {@code Router_CreatePlainTransportRequest}; RTCP on its own port when {@code rtcpMux} is false. */
    public static int plainTransportRequest(FlatBufferBuilder builder, String transportId, PlainTransportOptions options,
            ListenInfo listenInfo, boolean rtcpMux) {
        int base = baseOptions(builder, 0, options.sctp(), false);
        int listen = listenInfo(builder, listenInfo);
        int rtcpListen = options.rtcpListenInfo() == null ? 0 : listenInfo(builder, options.rtcpListenInfo());
        int suite = cryptoSuite(options.srtpCryptoSuite());
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
        forced(builder, () -> FBS.PlainTransport.PlainTransportOptions.addSrtpCryptoSuite(builder, suite));
        int plainOptions = FBS.PlainTransport.PlainTransportOptions.endPlainTransportOptions(builder);
        return FBS.Router.CreatePlainTransportRequest.createCreatePlainTransportRequest(builder, transportIdOffset, plainOptions);
    }

    /** {@code Router_CreatePipeTransportRequest}. */
    public static int pipeTransportRequest(FlatBufferBuilder builder, String transportId, PipeTransportOptions options,
            ListenInfo listenInfo) {
        int base = baseOptions(builder, 0, options.sctp(), false);
        int listen = listenInfo(builder, listenInfo);
        int pipeOptions = FBS.PipeTransport.PipeTransportOptions.createPipeTransportOptions(builder, base, listen,
                options.enableRtx(), options.enableSrtp());
        return FBS.Router.CreatePipeTransportRequest.createCreatePipeTransportRequest(builder, builder.createString(transportId),
                pipeOptions);
    }

    /** {@code Router_CreateDirectTransportRequest}. */
    public static int directTransportRequest(FlatBufferBuilder builder, String transportId, DirectTransportOptions options) {
        int base = directOptions(builder, options.maxSendMessageSize(), options.maxReceiveMessageSize());
        int directOptions = FBS.DirectTransport.DirectTransportOptions.createDirectTransportOptions(builder, base);
        return FBS.Router.CreateDirectTransportRequest.createCreateDirectTransportRequest(builder,
                builder.createString(transportId), directOptions);
    }

    /** A DirectTransport's base options: no SCTP, only the message size limits of its direct data. */
    static int directOptions(FlatBufferBuilder builder, int maxSendMessageSize, int maxReceiveMessageSize) {
        return FBS.Transport.Options.createOptions(builder, true, 0, false, maxSendMessageSize, maxReceiveMessageSize,
                0, 0, 0, 0, false);
    }

    public static TransportProtocol protocol(int fbs) {
        return fbs == Protocol.TCP ? TransportProtocol.TCP : TransportProtocol.UDP;
    }

    public static int protocol(TransportProtocol protocol) {
        return protocol == TransportProtocol.TCP ? Protocol.TCP : Protocol.UDP;
    }

    /** Node: {@code new ListenInfoT(...)} with {@code portRangeToFbs} and {@code socketFlagsToFbs}. */
    public static int listenInfo(FlatBufferBuilder builder, ListenInfo info) {
        if (info == null) {
            throw new TypeError("listenInfo must be an object");
        }
        if (info.ip() == null) {
            throw new TypeError("missing listenInfo.ip");
        }
        int ip = builder.createString(info.ip());
        int announced = info.announcedAddress() == null ? 0 : builder.createString(info.announcedAddress());
        PortRange range = info.portRange() == null ? new PortRange(0, 0) : info.portRange();
        int portRange = FBS.Transport.PortRange.createPortRange(builder, range.min(), range.max());
        SocketFlags flags = info.flags() == null ? new SocketFlags(false, false) : info.flags();
        int socketFlags = FBS.Transport.SocketFlags.createSocketFlags(builder, flags.ipv6Only(), flags.udpReusePort());
        FBS.Transport.ListenInfo.startListenInfo(builder);
        // Node's default protocol is whatever the caller wrote; an absent one is UDP on the worker too.
        FBS.Transport.ListenInfo.addProtocol(builder, protocol(info.protocol()));
        FBS.Transport.ListenInfo.addIp(builder, ip);
        if (announced != 0) {
            FBS.Transport.ListenInfo.addAnnouncedAddress(builder, announced);
        }
        FBS.Transport.ListenInfo.addExposeInternalIp(builder, Boolean.TRUE.equals(info.exposeInternalIp()));
        FBS.Transport.ListenInfo.addPort(builder, info.port() == null ? 0 : info.port());
        FBS.Transport.ListenInfo.addPortRange(builder, portRange);
        FBS.Transport.ListenInfo.addFlags(builder, socketFlags);
        FBS.Transport.ListenInfo.addSendBufferSize(builder, info.sendBufferSize() == null ? 0 : info.sendBufferSize());
        FBS.Transport.ListenInfo.addRecvBufferSize(builder, info.recvBufferSize() == null ? 0 : info.recvBufferSize());
        return FBS.Transport.ListenInfo.endListenInfo(builder);
    }

    /** The offsets of {@code infos}, for a vector of ListenInfo tables. */
    public static int[] listenInfos(FlatBufferBuilder builder, List<ListenInfo> infos) {
        int[] offsets = new int[infos.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = listenInfo(builder, infos.get(i));
        }
        return offsets;
    }

    public static TransportTuple tuple(Tuple tuple) {
        if (tuple == null) {
            return null;
        }
        return new TransportTuple(tuple.localAddress(), tuple.localPort(), tuple.remoteIp(),
                tuple.remoteIp() == null ? null : tuple.remotePort(), protocol(tuple.protocol()));
    }

    /** Builds a Tuple table: for tests that play the worker's part. */
    public static int tuple(FlatBufferBuilder builder, TransportTuple tuple) {
        int local = builder.createString(tuple.localAddress());
        int remote = tuple.remoteIp() == null ? 0 : builder.createString(tuple.remoteIp());
        return Tuple.createTuple(builder, local, tuple.localPort(), remote,
                tuple.remotePort() == null ? 0 : tuple.remotePort(), protocol(tuple.protocol()));
    }

    public static SctpState sctpState(int fbs) {
        return SctpState.values()[fbs];
    }

    public static SctpParameters sctpParameters(FBS.SctpParameters.SctpParameters fbs) {
        return fbs == null ? null : SctpParametersFbs.parse(fbs);
    }

    public static SctpNegotiatedCapabilities sctpNegotiatedCapabilities(FBS.SctpAssociation.SctpNegotiatedCapabilities fbs) {
        if (fbs == null) {
            return null;
        }
        return new SctpNegotiatedCapabilities(fbs.negotiatedMaxOutboundStreams(), fbs.negotiatedMaxInboundStreams());
    }

    public static SrtpCryptoSuite cryptoSuite(int fbs) {
        return SrtpCryptoSuite.values()[fbs];
    }

    /** The suite's number on the wire; its position in the schema's enum, as in {@link SrtpCryptoSuite}. */
    public static int cryptoSuite(SrtpCryptoSuite suite) {
        if (suite == null) {
            throw new TypeError("invalid SrtpCryptoSuite: undefined");
        }
        return suite.ordinal();
    }

    public static SrtpParameters srtpParameters(FBS.SrtpParameters.SrtpParameters fbs) {
        return fbs == null ? null : new SrtpParameters(cryptoSuite(fbs.cryptoSuite()), fbs.keyBase64());
    }

    public static int srtpParameters(FlatBufferBuilder builder, SrtpParameters parameters) {
        int suite = cryptoSuite(parameters.cryptoSuite());
        if (parameters.keyBase64() == null) {
            throw new TypeError("missing srtpParameters.keyBase64");
        }
        int key = builder.createString(parameters.keyBase64());
        return FBS.SrtpParameters.SrtpParameters.createSrtpParameters(builder, suite, key);
    }

    public static TransportTraceEventType traceEventType(int fbs) {
        return fbs == TraceEventType.BWE ? TransportTraceEventType.BWE : TransportTraceEventType.PROBATION;
    }

    public static int traceEventType(TransportTraceEventType type) {
        return type == TransportTraceEventType.BWE ? TraceEventType.BWE : TraceEventType.PROBATION;
    }

    public static BaseTransportDump baseDump(Dump dump) {
        FBS.Transport.RecvRtpHeaderExtensions ext = dump.recvRtpHeaderExtensions();
        FBS.Transport.RtpListener listener = dump.rtpListener();
        FBS.Transport.SctpListener sctpListener = dump.sctpListener();
        List<TransportTraceEventType> traceEventTypes = new ArrayList<>();
        for (int i = 0; i < dump.traceEventTypesLength(); i++) {
            traceEventTypes.add(traceEventType(dump.traceEventTypes(i)));
        }
        return new BaseTransportDump(
                dump.id(),
                strings(dump.producerIdsLength(), dump::producerIds),
                strings(dump.consumerIdsLength(), dump::consumerIds),
                uint32Map(dump.mapSsrcConsumerIdLength(), dump::mapSsrcConsumerId),
                uint32Map(dump.mapRtxSsrcConsumerIdLength(), dump::mapRtxSsrcConsumerId),
                strings(dump.dataProducerIdsLength(), dump::dataProducerIds),
                strings(dump.dataConsumerIdsLength(), dump::dataConsumerIds),
                ext == null ? null : new RecvRtpHeaderExtensions(
                        ext.hasMid() ? ext.mid() : null,
                        ext.hasRid() ? ext.rid() : null,
                        ext.hasRrid() ? ext.rrid() : null,
                        ext.hasAbsSendTime() ? ext.absSendTime() : null,
                        ext.hasTransportWideCc01() ? ext.transportWideCc01() : null),
                listener == null ? null : new RtpListenerDump(
                        uint32Map(listener.ssrcTableLength(), listener::ssrcTable),
                        stringMap(listener.midTableLength(), listener::midTable),
                        stringMap(listener.ridTableLength(), listener::ridTable)),
                dump.maxSendMessageSize(),
                dump.maxReceiveMessageSize(),
                sctpParameters(dump.sctpParameters()),
                dump.hasSctpState() ? sctpState(dump.sctpState()) : null,
                sctpNegotiatedCapabilities(dump.sctpNegotiatedCapabilities()),
                sctpListener == null ? null : new SctpListenerDump(
                        uint16Map(sctpListener.streamIdTableLength(), sctpListener::streamIdTable)),
                List.copyOf(traceEventTypes));
    }

    public static BaseTransportStats baseStats(Stats stats) {
        return new BaseTransportStats(
                stats.transportId(),
                stats.timestamp(),
                stats.hasSctpState() ? sctpState(stats.sctpState()) : null,
                stats.bytesReceived(),
                stats.recvBitrate(),
                stats.bytesSent(),
                stats.sendBitrate(),
                stats.rtpBytesReceived(),
                stats.rtpRecvBitrate(),
                stats.rtpBytesSent(),
                stats.rtpSendBitrate(),
                stats.rtxBytesReceived(),
                stats.rtxRecvBitrate(),
                stats.rtxBytesSent(),
                stats.rtxSendBitrate(),
                stats.probationBytesSent(),
                stats.probationSendBitrate(),
                stats.hasAvailableOutgoingBitrate() ? stats.availableOutgoingBitrate() : null,
                stats.hasAvailableIncomingBitrate() ? stats.availableIncomingBitrate() : null,
                stats.hasMaxIncomingBitrate() ? stats.maxIncomingBitrate() : null,
                stats.hasMaxOutgoingBitrate() ? stats.maxOutgoingBitrate() : null,
                stats.hasMinOutgoingBitrate() ? stats.minOutgoingBitrate() : null,
                stats.hasRtpPacketLossReceived() ? stats.rtpPacketLossReceived() : null,
                stats.hasRtpPacketLossSent() ? stats.rtpPacketLossSent() : null);
    }

    public static TransportTraceEventData trace(TraceNotification trace) {
        String direction = trace.direction() == FBS.Common.TraceDirection.DIRECTION_IN ? "in" : "out";
        Object info = null;
        if (trace.type() == TraceEventType.BWE && trace.infoType() == TraceInfo.BweTraceInfo) {
            BweTraceInfo bwe = (BweTraceInfo) trace.info(new BweTraceInfo());
            info = new org.mscluster.mediasoup.transport.BweTraceInfo(
                    bwe.bweType() == BweType.TRANSPORT_CC ? "transport-cc" : "remb",
                    bwe.desiredBitrate(), bwe.effectiveDesiredBitrate(), bwe.minBitrate(), bwe.maxBitrate(),
                    bwe.startBitrate(), bwe.maxPaddingBitrate(), bwe.availableBitrate());
        }
        return new TransportTraceEventData(traceEventType(trace.type()), trace.timestamp(), direction, info);
    }

    public static List<String> strings(int length, IntFunction<String> element) {
        List<String> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(element.apply(i));
        }
        return Collections.unmodifiableList(list);
    }

    private static Map<Long, String> uint32Map(int length, IntFunction<Uint32String> element) {
        Map<Long, String> map = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            Uint32String entry = element.apply(i);
            map.put(entry.key(), entry.value());
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<Integer, String> uint16Map(int length, IntFunction<Uint16String> element) {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            Uint16String entry = element.apply(i);
            map.put(entry.key(), entry.value());
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, String> stringMap(int length, IntFunction<StringString> element) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            StringString entry = element.apply(i);
            map.put(entry.key(), entry.value());
        }
        return Collections.unmodifiableMap(map);
    }
}
