package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import FBS.Notification.Event;
import FBS.WebRtcTransport.DtlsStateChangeNotification;
import FBS.WebRtcTransport.IceSelectedTupleChangeNotification;
import FBS.WebRtcTransport.IceStateChangeNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.sctp.SctpNegotiatedCapabilities;
import org.mscluster.mediasoup.sctp.SctpParameters;
import org.mscluster.mediasoup.transport.DtlsFingerprint;
import org.mscluster.mediasoup.transport.DtlsParameters;
import org.mscluster.mediasoup.transport.DtlsRole;
import org.mscluster.mediasoup.transport.DtlsState;
import org.mscluster.mediasoup.transport.FingerprintAlgorithm;
import org.mscluster.mediasoup.transport.IceCandidate;
import org.mscluster.mediasoup.transport.IceCandidateTcpType;
import org.mscluster.mediasoup.transport.IceCandidateType;
import org.mscluster.mediasoup.transport.IceParameters;
import org.mscluster.mediasoup.transport.IceRole;
import org.mscluster.mediasoup.transport.IceState;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.ListenIp;
import org.mscluster.mediasoup.transport.PortRange;
import org.mscluster.mediasoup.transport.SctpState;
import org.mscluster.mediasoup.transport.SocketFlags;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportFbs;
import org.mscluster.mediasoup.transport.TransportProtocol;
import org.mscluster.mediasoup.transport.TransportTraceEventType;
import org.mscluster.mediasoup.transport.TransportTuple;
import org.mscluster.mediasoup.transport.TransportType;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportDump;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.transport.WebRtcTransportStat;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-WebRtcTransport.js}, against the real worker. */
@SuppressWarnings("deprecation")
class WebRtcTransportIT {

    static final List<RtpCodecCapability> MEDIA_CODECS = List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2)
                    .parameters(Map.of("useinbandfec", 1, "foo", "bar")).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP8").clockRate(90000).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/H264").clockRate(90000)
                    .parameters(Map.of("level-asymmetry-allowed", 1, "packetization-mode", 1,
                            "profile-level-id", "4d0032", "foo", "bar"))
                    .build());

    private static final PortRange PORTS_2000_3000 = PortRange.of(2000, 3000);
    private static final DtlsParameters DTLS_REMOTE_PARAMETERS = new DtlsParameters(DtlsRole.CLIENT, List.of(new DtlsFingerprint(
            FingerprintAlgorithm.SHA256,
            "82:5A:68:3D:36:C3:0A:DE:AF:E7:32:43:D2:88:83:57:AC:2D:65:E5:80:C4:B6:FB:AF:1A:A0:21:9F:6D:0C:AD")));

    private Worker worker;
    private Router router;

    @BeforeEach
    void createWorkerAndRouter() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
    }

    @AfterEach
    void closeWorker() throws Exception {
        try {
            NoLeftovers.assertClean(worker);
        } finally {
            TestWorkers.close(worker);
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    private static ListenInfo listenInfo(TransportProtocol protocol, String ip, String announcedAddress) {
        return ListenInfo.builder().protocol(protocol).ip(ip).announcedAddress(announcedAddress).portRange(PORTS_2000_3000).build();
    }

    /** The transport most tests start from: UDP on 127.0.0.1, announced as 9.9.9.1. */
    private WebRtcTransport createAnnouncedTransport() throws Exception {
        return await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenInfos(listenInfo(TransportProtocol.UDP, "127.0.0.1", "9.9.9.1")).build()));
    }

    private WebRtcTransport createTransport() throws Exception {
        return await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenInfos(listenInfo(TransportProtocol.UDP, "127.0.0.1", null)).build()));
    }

    @Test
    void createWebRtcTransportSucceeds() throws Exception {
        List<Transport> newTransports = new ArrayList<>();
        router.observer().once(Router.NEW_TRANSPORT, newTransports::add);

        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenInfos(
                        // exposeInternalIp will generate an extra ICE candidate with the ip value.
                        listenInfo(TransportProtocol.UDP, "127.0.0.1", "9.9.9.1").toBuilder().exposeInternalIp(true).build(),
                        listenInfo(TransportProtocol.TCP, "127.0.0.1", "9.9.9.1"),
                        listenInfo(TransportProtocol.UDP, "0.0.0.0", "foo1.bar.org"),
                        listenInfo(TransportProtocol.TCP, "0.0.0.0", "foo2.bar.org"),
                        listenInfo(TransportProtocol.UDP, "127.0.0.1", null),
                        listenInfo(TransportProtocol.TCP, "127.0.0.1", null))
                .enableTcp(true)
                .preferUdp(true)
                .enableSctp(true)
                .maxSendMessageSize(1000001)
                .maxReceiveMessageSize(1000002)
                .sctpSendBufferSize(2000001)
                .sctpPerStreamSendQueueLimit(2000002)
                .sctpMaxReceiverWindowBufferSize(2000003)
                .appData(Map.of("foo", "bar"))
                .build()));

        assertThat(await(router.dump()).transportIds()).containsExactly(transport.id());
        assertThat(newTransports).containsExactly(transport);
        assertThat(transport.id()).isNotBlank();
        assertThat(transport.closed()).isFalse();
        assertThat(transport.type()).isEqualTo(TransportType.WEBRTC);
        assertThat(transport.appData()).isEqualTo(Map.of("foo", "bar"));
        assertThat(transport.iceRole()).isEqualTo(IceRole.CONTROLLED);
        assertThat(transport.iceParameters().iceLite()).isTrue();
        assertThat(transport.iceParameters().usernameFragment()).isNotBlank();
        assertThat(transport.iceParameters().password()).isNotBlank();
        SctpParameters sctp = transport.sctpParameters();
        assertThat(sctp.port()).isEqualTo(5000);
        assertThat(sctp.maxSendMessageSize()).isEqualTo(1000001);
        assertThat(sctp.maxReceiveMessageSize()).isEqualTo(1000002);
        assertThat(sctp.sendBufferSize()).isEqualTo(2000001);
        assertThat(sctp.perStreamSendQueueLimit()).isEqualTo(2000002);
        assertThat(sctp.maxReceiverWindowBufferSize()).isEqualTo(2000003);
        assertThat(sctp.isDataChannel()).isTrue();

        List<IceCandidate> iceCandidates = transport.iceCandidates();
        assertThat(iceCandidates).hasSize(7);
        assertCandidate(iceCandidates.get(0), "9.9.9.1", TransportProtocol.UDP);
        assertCandidate(iceCandidates.get(1), "127.0.0.1", TransportProtocol.UDP);
        assertCandidate(iceCandidates.get(2), "9.9.9.1", TransportProtocol.TCP);
        assertCandidate(iceCandidates.get(3), "foo1.bar.org", TransportProtocol.UDP);
        assertCandidate(iceCandidates.get(4), "foo2.bar.org", TransportProtocol.TCP);
        assertCandidate(iceCandidates.get(5), "127.0.0.1", TransportProtocol.UDP);
        assertCandidate(iceCandidates.get(6), "127.0.0.1", TransportProtocol.TCP);
        for (int i = 0; i < 6; i++) {
            assertThat(iceCandidates.get(i).priority()).isGreaterThan(iceCandidates.get(i + 1).priority());
        }
        assertThat(transport.iceState()).isEqualTo(IceState.NEW);
        assertThat(transport.iceSelectedTuple()).isNull();
        assertThat(transport.dtlsParameters().fingerprints()).isNotEmpty();
        assertThat(transport.dtlsParameters().role()).isEqualTo(DtlsRole.AUTO);
        assertThat(transport.dtlsState()).isEqualTo(DtlsState.NEW);
        assertThat(transport.dtlsRemoteCert()).isNull();
        assertThat(transport.sctpState()).isEqualTo(SctpState.NEW);
        assertThat(transport.sctpNegotiatedCapabilities()).isNull();

        WebRtcTransportDump dump = await(transport.dump());
        assertThat(dump.id()).isEqualTo(transport.id());
        assertThat(dump.producerIds()).isEmpty();
        assertThat(dump.consumerIds()).isEmpty();
        assertThat(dump.iceRole()).isEqualTo(transport.iceRole());
        assertThat(dump.iceParameters()).isEqualTo(transport.iceParameters());
        assertThat(dump.iceCandidates()).isEqualTo(transport.iceCandidates());
        assertThat(dump.iceState()).isEqualTo(transport.iceState());
        assertThat(dump.iceSelectedTuple()).isEqualTo(transport.iceSelectedTuple());
        assertThat(dump.dtlsParameters()).isEqualTo(transport.dtlsParameters());
        assertThat(dump.dtlsState()).isEqualTo(transport.dtlsState());
        assertThat(dump.sctpParameters()).isEqualTo(transport.sctpParameters());
        assertThat(dump.sctpState()).isEqualTo(transport.sctpState());
        assertThat(dump.sctpNegotiatedCapabilities()).isEqualTo(new SctpNegotiatedCapabilities(0, 0));
        assertThat(dump.recvRtpHeaderExtensions()).isNotNull();
        assertThat(dump.rtpListener()).isNotNull();

        transport.close();
        assertThat(transport.closed()).isTrue();
    }

    private static void assertCandidate(IceCandidate candidate, String ip, TransportProtocol protocol) {
        assertThat(candidate.ip()).isEqualTo(ip);
        assertThat(candidate.protocol()).isEqualTo(protocol);
        assertThat(candidate.type()).isEqualTo(IceCandidateType.HOST);
        assertThat(candidate.tcpType()).isEqualTo(protocol == TransportProtocol.TCP ? IceCandidateTcpType.PASSIVE : null);
    }

    @Test
    void createWebRtcTransportWithDeprecatedListenIpsSucceeds() throws Exception {
        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenIps(List.of(new ListenIp("127.0.0.1", null)))
                .enableUdp(true)
                .enableTcp(true)
                .preferUdp(false)
                .initialAvailableOutgoingBitrate(1000000)
                .build()));

        List<IceCandidate> iceCandidates = transport.iceCandidates();
        assertThat(iceCandidates).hasSize(2);
        assertCandidate(iceCandidates.get(0), "127.0.0.1", TransportProtocol.UDP);
        assertCandidate(iceCandidates.get(1), "127.0.0.1", TransportProtocol.TCP);
        assertThat(iceCandidates.get(0).priority()).isGreaterThan(iceCandidates.get(1).priority());
    }

    @Test
    void createWebRtcTransportWithFixedPortSucceeds() throws Exception {
        int port = FreePorts.tcp("127.0.0.1");

        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                // NOTE: udpReusePort flag will be ignored since protocol is TCP.
                .listenInfos(ListenInfo.builder().protocol(TransportProtocol.TCP).ip("127.0.0.1").port(port)
                        .flags(new SocketFlags(false, true)).build())
                .build()));

        assertThat(transport.iceCandidates().get(0).port()).isEqualTo(port);
    }

    @Test
    void createWebRtcTransportWithPortRangeSucceeds() throws Exception {
        PortRange portRange = PortRange.of(11111, 11112);
        WebRtcTransportOptions options = WebRtcTransportOptions.builder()
                .listenInfos(ListenInfo.udp("127.0.0.1").withPortRange(portRange)).build();

        IceCandidate iceCandidate1 = await(router.createWebRtcTransport(options)).iceCandidates().get(0);
        assertThat(iceCandidate1.ip()).isEqualTo("127.0.0.1");
        assertThat(iceCandidate1.port()).isBetween(portRange.min(), portRange.max());
        assertThat(iceCandidate1.protocol()).isEqualTo(TransportProtocol.UDP);

        IceCandidate iceCandidate2 = await(router.createWebRtcTransport(options)).iceCandidates().get(0);
        assertThat(iceCandidate2.ip()).isEqualTo("127.0.0.1");
        assertThat(iceCandidate2.port()).isBetween(portRange.min(), portRange.max());
        assertThat(iceCandidate2.protocol()).isEqualTo(TransportProtocol.UDP);

        // No more available ports so it must fail.
        assertThatThrownBy(() -> await(router.createWebRtcTransport(options))).hasCauseInstanceOf(MediasoupException.class);
    }

    /**
     * Node also passes a string for listenInfos and listenIps and a string as appData, which Java's
     * types rule out; {@code listenIps: [123]} becomes a listen IP without an address.
     */
    @Test
    void createWebRtcTransportWithWrongArgumentsRejectsWithTypeError() {
        assertThatThrownBy(() -> await(router.createWebRtcTransport(WebRtcTransportOptions.builder().build())))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenInfos(ListenInfo.udp("127.0.0.1").withPortRange(PortRange.of(4000, 3000))).build())))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenIps(List.of(new ListenIp(null, null))).build())))
                .hasCauseInstanceOf(TypeError.class);
    }

    @Test
    void createWebRtcTransportWithNonBindableIpRejectsWithError() {
        assertThatThrownBy(() -> await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenInfos(listenInfo(TransportProtocol.UDP, "8.8.8.8", null)).build())))
                .hasCauseInstanceOf(MediasoupException.class);
    }

    @Test
    void getStatsSucceeds() throws Exception {
        WebRtcTransport transport = createAnnouncedTransport();

        List<WebRtcTransportStat> stats = await(transport.getStats());

        assertThat(stats).hasSize(1);
        WebRtcTransportStat stat = stats.get(0);
        assertThat(stat.type()).isEqualTo("webrtc-transport");
        assertThat(stat.transportId()).isEqualTo(transport.id());
        assertThat(stat.timestamp()).isPositive();
        assertThat(stat.iceRole()).isEqualTo(IceRole.CONTROLLED);
        assertThat(stat.iceState()).isEqualTo(IceState.NEW);
        assertThat(stat.dtlsState()).isEqualTo(DtlsState.NEW);
        assertThat(stat.sctpState()).isNull();
        assertThat(stat.bytesReceived()).isZero();
        assertThat(stat.recvBitrate()).isZero();
        assertThat(stat.bytesSent()).isZero();
        assertThat(stat.sendBitrate()).isZero();
        assertThat(stat.rtpBytesReceived()).isZero();
        assertThat(stat.rtpRecvBitrate()).isZero();
        assertThat(stat.rtpBytesSent()).isZero();
        assertThat(stat.rtpSendBitrate()).isZero();
        assertThat(stat.rtxBytesReceived()).isZero();
        assertThat(stat.rtxRecvBitrate()).isZero();
        assertThat(stat.rtxBytesSent()).isZero();
        assertThat(stat.rtxSendBitrate()).isZero();
        assertThat(stat.probationBytesSent()).isZero();
        assertThat(stat.probationSendBitrate()).isZero();
        assertThat(stat.iceSelectedTuple()).isNull();
        assertThat(stat.maxIncomingBitrate()).isNull();
    }

    @Test
    void connectSucceeds() throws Exception {
        WebRtcTransport transport = createAnnouncedTransport();

        assertThat(await(transport.connect(DTLS_REMOTE_PARAMETERS))).isNull();

        // Must fail if connected.
        assertThatThrownBy(() -> await(transport.connect(DTLS_REMOTE_PARAMETERS))).hasCauseInstanceOf(MediasoupException.class);
        assertThat(transport.dtlsParameters().role()).isEqualTo(DtlsRole.SERVER);
    }

    /**
     * Node's {@code algorithm: 'sha-256000'} and {@code role: 'chicken'} cannot be written with Java's
     * enums; a missing algorithm stands for the first, and the role case has no counterpart.
     */
    @Test
    void connectWithWrongArgumentsRejectsWithTypeError() throws Exception {
        WebRtcTransport transport = createAnnouncedTransport();

        assertThatThrownBy(() -> await(transport.connect(null))).hasCauseInstanceOf(TypeError.class);
        DtlsParameters withoutAlgorithm = new DtlsParameters(DtlsRole.CLIENT, List.of(
                new DtlsFingerprint(null, DTLS_REMOTE_PARAMETERS.fingerprints().get(0).value())));
        assertThatThrownBy(() -> await(transport.connect(withoutAlgorithm))).hasCauseInstanceOf(TypeError.class);
        DtlsParameters withoutFingerprints = new DtlsParameters(DtlsRole.CLIENT, List.of());
        assertThatThrownBy(() -> await(transport.connect(withoutFingerprints))).hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(transport.connect(withoutFingerprints))).hasCauseInstanceOf(TypeError.class);
        assertThat(transport.dtlsParameters().role()).isEqualTo(DtlsRole.AUTO);
    }

    @Test
    void setMaxIncomingBitrateSucceeds() throws Exception {
        WebRtcTransport transport = createAnnouncedTransport();
        assertThat(await(transport.setMaxIncomingBitrate(1000000))).isNull();
        // Remove limit.
        assertThat(await(transport.setMaxIncomingBitrate(0))).isNull();
    }

    @Test
    void setMaxOutgoingBitrateSucceeds() throws Exception {
        WebRtcTransport transport = createTransport();
        assertThat(await(transport.setMaxOutgoingBitrate(2000000))).isNull();
        // Remove limit.
        assertThat(await(transport.setMaxOutgoingBitrate(0))).isNull();
    }

    @Test
    void setMinOutgoingBitrateSucceeds() throws Exception {
        WebRtcTransport transport = createTransport();
        assertThat(await(transport.setMinOutgoingBitrate(100000))).isNull();
        // Remove limit.
        assertThat(await(transport.setMinOutgoingBitrate(0))).isNull();
    }

    @Test
    void setMaxOutgoingBitrateFailsIfValueIsLowerThanCurrentMinLimit() throws Exception {
        WebRtcTransport transport = createTransport();
        assertThat(await(transport.setMinOutgoingBitrate(3000000))).isNull();
        assertThatThrownBy(() -> await(transport.setMaxOutgoingBitrate(2000000))).hasCauseInstanceOf(MediasoupException.class);
        // Remove limit.
        assertThat(await(transport.setMinOutgoingBitrate(0))).isNull();
    }

    @Test
    void setMinOutgoingBitrateFailsIfValueIsHigherThanCurrentMaxLimit() throws Exception {
        WebRtcTransport transport = createTransport();
        assertThat(await(transport.setMaxOutgoingBitrate(2000000))).isNull();
        assertThatThrownBy(() -> await(transport.setMinOutgoingBitrate(3000000))).hasCauseInstanceOf(MediasoupException.class);
        // Remove limit.
        assertThat(await(transport.setMaxOutgoingBitrate(0))).isNull();
    }

    @Test
    void restartIceSucceeds() throws Exception {
        WebRtcTransport transport = createTransport();
        IceParameters previous = transport.iceParameters();

        IceParameters restarted = await(transport.restartIce());

        assertThat(restarted.usernameFragment()).isNotBlank();
        assertThat(restarted.password()).isNotBlank();
        assertThat(restarted.iceLite()).isTrue();
        assertThat(transport.iceParameters()).isEqualTo(restarted);
        assertThat(transport.iceParameters().usernameFragment()).isNotEqualTo(previous.usernameFragment());
        assertThat(transport.iceParameters().password()).isNotEqualTo(previous.password());
    }

    @Test
    void enableTraceEventSucceeds() throws Exception {
        WebRtcTransport transport = createTransport();

        await(transport.enableTraceEvent("foo", "probation"));
        assertThat(await(transport.dump()).traceEventTypes()).containsExactly(TransportTraceEventType.PROBATION);

        await(transport.enableTraceEvent());
        assertThat(await(transport.dump()).traceEventTypes()).isEmpty();

        await(transport.enableTraceEvent("probation", "FOO", "bwe", "BAR"));
        assertThat(await(transport.dump()).traceEventTypes())
                .containsExactly(TransportTraceEventType.PROBATION, TransportTraceEventType.BWE);

        await(transport.enableTraceEvent(List.of()));
        assertThat(await(transport.dump()).traceEventTypes()).isEmpty();
    }

    /** Node's {@code 123} and {@code 'probation'} (not an array) become a null array; {@code 123.123} a null entry. */
    @Test
    void enableTraceEventWithWrongArgumentsRejectsWithTypeError() throws Exception {
        WebRtcTransport transport = createTransport();

        assertThatThrownBy(() -> await(transport.enableTraceEvent((String[]) null))).hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(transport.enableTraceEvent((List<TransportTraceEventType>) null)))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(transport.enableTraceEvent("probation", null))).hasCauseInstanceOf(TypeError.class);
    }

    @Test
    void webRtcTransportEventsSucceed() throws Exception {
        WebRtcTransport transport = createTransport();
        var channel = transport.channelForTesting();

        List<IceState> iceStateChanges = new ArrayList<>();
        transport.on(WebRtcTransport.ICE_STATE_CHANGE, iceStateChanges::add);
        // Simulate an 'icestatechange' notification coming through the channel.
        FakeWorkerNotifications.send(channel, transport.id(), Event.WEBRTCTRANSPORT_ICE_STATE_CHANGE,
                FBS.Notification.Body.WebRtcTransport_IceStateChangeNotification,
                builder -> IceStateChangeNotification.createIceStateChangeNotification(builder, FBS.WebRtcTransport.IceState.COMPLETED));
        assertThat(iceStateChanges).containsExactly(IceState.COMPLETED);
        assertThat(transport.iceState()).isEqualTo(IceState.COMPLETED);

        List<TransportTuple> selectedTuples = new ArrayList<>();
        TransportTuple iceSelectedTuple = new TransportTuple("1.1.1.1", 1111, "2.2.2.2", 2222, TransportProtocol.UDP);
        transport.on(WebRtcTransport.ICE_SELECTED_TUPLE_CHANGE, selectedTuples::add);
        // Simulate an 'iceselectedtuplechange' notification coming through the channel.
        FakeWorkerNotifications.send(channel, transport.id(), Event.WEBRTCTRANSPORT_ICE_SELECTED_TUPLE_CHANGE,
                FBS.Notification.Body.WebRtcTransport_IceSelectedTupleChangeNotification,
                builder -> IceSelectedTupleChangeNotification.createIceSelectedTupleChangeNotification(builder,
                        TransportFbs.tuple(builder, iceSelectedTuple)));
        assertThat(selectedTuples).containsExactly(iceSelectedTuple);
        assertThat(transport.iceSelectedTuple()).isEqualTo(iceSelectedTuple);
        assertThat(transport.iceSelectedTuple().localIp()).isEqualTo("1.1.1.1");

        List<DtlsState> dtlsStateChanges = new ArrayList<>();
        transport.on(WebRtcTransport.DTLS_STATE_CHANGE, dtlsStateChanges::add);
        // Simulate a 'dtlsstatechange' notification coming through the channel.
        FakeWorkerNotifications.send(channel, transport.id(), Event.WEBRTCTRANSPORT_DTLS_STATE_CHANGE,
                FBS.Notification.Body.WebRtcTransport_DtlsStateChangeNotification,
                builder -> DtlsStateChangeNotification.createDtlsStateChangeNotification(builder, FBS.WebRtcTransport.DtlsState.CONNECTING, 0));
        assertThat(dtlsStateChanges).containsExactly(DtlsState.CONNECTING);
        assertThat(transport.dtlsState()).isEqualTo(DtlsState.CONNECTING);
    }

    @Test
    void webRtcTransportMethodsRejectIfClosed() throws Exception {
        WebRtcTransport transport = createTransport();
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);

        transport.close();

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThat(transport.iceState()).isEqualTo(IceState.CLOSED);
        assertThat(transport.iceSelectedTuple()).isNull();
        assertThat(transport.dtlsState()).isEqualTo(DtlsState.CLOSED);
        assertThat(transport.sctpState()).isNull();
        assertThatThrownBy(() -> await(transport.dump())).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.getStats())).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.connect(null))).hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(transport.setMaxIncomingBitrate(200000))).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.setMaxOutgoingBitrate(200000))).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.setMinOutgoingBitrate(100000))).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.restartIce())).hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void webRtcTransportEmitsRouterCloseIfRouterIsClosed() throws Exception {
        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenIps("127.0.0.1").enableSctp(true).build()));
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        transport.once(Transport.ROUTER_CLOSE, routerClose::complete);

        router.close();
        await(routerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThat(transport.iceState()).isEqualTo(IceState.CLOSED);
        assertThat(transport.iceSelectedTuple()).isNull();
        assertThat(transport.dtlsState()).isEqualTo(DtlsState.CLOSED);
        assertThat(transport.sctpState()).isEqualTo(SctpState.CLOSED);
        assertThatThrownBy(() -> await(transport.dump())).hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void webRtcTransportEmitsRouterCloseIfWorkerIsClosed() throws Exception {
        WebRtcTransport transport = createTransport();
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        transport.once(Transport.ROUTER_CLOSE, routerClose::complete);

        worker.close();
        await(routerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThat(transport.iceState()).isEqualTo(IceState.CLOSED);
        assertThat(transport.iceSelectedTuple()).isNull();
        assertThat(transport.dtlsState()).isEqualTo(DtlsState.CLOSED);
        assertThat(transport.sctpState()).isNull();
        assertThatThrownBy(() -> await(transport.dump())).hasCauseInstanceOf(InvalidStateError.class);
    }
}
