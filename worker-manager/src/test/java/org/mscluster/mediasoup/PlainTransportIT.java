package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.mscluster.mediasoup.sctp.SctpParameters;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportDump;
import org.mscluster.mediasoup.transport.PlainTransportOptions;
import org.mscluster.mediasoup.transport.PlainTransportStat;
import org.mscluster.mediasoup.transport.PortRange;
import org.mscluster.mediasoup.transport.SctpState;
import org.mscluster.mediasoup.transport.SocketFlags;
import org.mscluster.mediasoup.transport.SrtpCryptoSuite;
import org.mscluster.mediasoup.transport.SrtpParameters;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportProtocol;
import org.mscluster.mediasoup.transport.TransportType;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-PlainTransport.js}, against the real worker. */
@SuppressWarnings("deprecation")
class PlainTransportIT {

    static final List<RtpCodecCapability> MEDIA_CODECS = List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2)
                    .parameters(Map.of("useinbandfec", 1, "foo", "bar")).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP8").clockRate(90000).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/H264").clockRate(90000)
                    .parameters(Map.of("level-asymmetry-allowed", 1, "packetization-mode", 1,
                            "profile-level-id", "4d0032", "foo", "bar"))
                    // Ignored.
                    .rtcpFeedback(List.of()).build());

    private static final PortRange PORTS_2000_3000 = PortRange.of(2000, 3000);
    private static final String KEY_80 = "ZnQ3eWJraDg0d3ZoYzM5cXN1Y2pnaHU5NWxrZTVv";
    private static final String KEY_GCM_256 = "YTdjcDBvY2JoMGY5YXNlNDc0eDJsdGgwaWRvNnJsamRrdG16aWVpZHphdHo=";

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

    private PlainTransport createOnLoopback() throws Exception {
        return await(router.createPlainTransport(PlainTransportOptions.builder().listenIp("127.0.0.1").build()));
    }

    @Test
    void createPlainTransportSucceeds() throws Exception {
        PlainTransport transport = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withPortRange(PORTS_2000_3000)).build()));
        assertThat(await(router.dump()).transportIds()).containsExactly(transport.id());

        List<Transport> newTransports = new ArrayList<>();
        router.observer().once(Router.NEW_TRANSPORT, newTransports::add);

        // Create a separate transport here.
        PlainTransport transport2 = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withAnnouncedAddress("9.9.9.1").withPortRange(PORTS_2000_3000))
                .enableSctp(true)
                .appData(Map.of("foo", "bar"))
                .build()));

        assertThat(newTransports).containsExactly(transport2);
        assertThat(transport2.id()).isNotBlank();
        assertThat(transport2.closed()).isFalse();
        assertThat(transport2.type()).isEqualTo(TransportType.PLAIN);
        assertThat(transport2.appData()).isEqualTo(Map.of("foo", "bar"));
        assertThat(transport2.tuple().localIp()).isEqualTo("9.9.9.1");
        assertThat(transport2.tuple().localAddress()).isEqualTo("9.9.9.1");
        assertThat(transport2.tuple().localPort()).isPositive();
        assertThat(transport2.tuple().protocol()).isEqualTo(TransportProtocol.UDP);
        assertThat(transport2.rtcpTuple()).isNull();
        SctpParameters sctp = transport2.sctpParameters();
        assertThat(sctp.port()).isEqualTo(5000);
        assertThat(sctp.maxSendMessageSize()).isEqualTo(262144);
        assertThat(sctp.maxReceiveMessageSize()).isEqualTo(262144);
        assertThat(sctp.sendBufferSize()).isEqualTo(2000000);
        assertThat(sctp.perStreamSendQueueLimit()).isEqualTo(2000000);
        assertThat(sctp.maxReceiverWindowBufferSize()).isEqualTo(5242880);
        assertThat(sctp.isDataChannel()).isFalse();
        assertThat(transport2.sctpState()).isEqualTo(SctpState.NEW);
        assertThat(transport2.sctpNegotiatedCapabilities()).isNull();
        assertThat(transport2.srtpParameters()).isNull();

        PlainTransportDump dump1 = await(transport2.dump());
        assertThat(dump1.id()).isEqualTo(transport2.id());
        assertThat(dump1.producerIds()).isEmpty();
        assertThat(dump1.consumerIds()).isEmpty();
        assertThat(dump1.tuple()).isEqualTo(transport2.tuple());
        assertThat(dump1.rtcpTuple()).isEqualTo(transport2.rtcpTuple());
        assertThat(dump1.sctpParameters()).isEqualTo(transport2.sctpParameters());
        assertThat(dump1.sctpState()).isEqualTo(SctpState.NEW);
        assertThat(dump1.recvRtpHeaderExtensions()).isNotNull();
        assertThat(dump1.rtpListener()).isNotNull();

        transport2.close();
        assertThat(transport2.closed()).isTrue();

        PlainTransport anotherTransport = createOnLoopback();
        assertThat(anotherTransport).isNotNull();

        int rtpPort = FreePorts.udp("127.0.0.1");
        int rtcpPort = FreePorts.udp("127.0.0.1");
        PlainTransport transport3 = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withPort(rtpPort))
                .rtcpListenInfo(ListenInfo.udp("127.0.0.1").withPort(rtcpPort))
                .build()));

        assertThat(transport3.id()).isNotBlank();
        assertThat(transport3.closed()).isFalse();
        assertThat(transport3.appData()).isEmpty();
        assertThat(transport3.tuple().localIp()).isEqualTo("127.0.0.1");
        assertThat(transport3.tuple().localAddress()).isEqualTo("127.0.0.1");
        assertThat(transport3.tuple().localPort()).isEqualTo(rtpPort);
        assertThat(transport3.tuple().protocol()).isEqualTo(TransportProtocol.UDP);
        assertThat(transport3.rtcpTuple().localIp()).isEqualTo("127.0.0.1");
        assertThat(transport3.rtcpTuple().localAddress()).isEqualTo("127.0.0.1");
        assertThat(transport3.rtcpTuple().localPort()).isEqualTo(rtcpPort);
        assertThat(transport3.rtcpTuple().protocol()).isEqualTo(TransportProtocol.UDP);
        assertThat(transport3.sctpParameters()).isNull();
        assertThat(transport3.sctpState()).isNull();
        assertThat(transport3.sctpNegotiatedCapabilities()).isNull();

        PlainTransportDump dump2 = await(transport3.dump());
        assertThat(dump2.id()).isEqualTo(transport3.id());
        assertThat(dump2.tuple()).isEqualTo(transport3.tuple());
        assertThat(dump2.rtcpTuple()).isEqualTo(transport3.rtcpTuple());
        assertThat(dump2.sctpState()).isNull();
    }

    /** Node's {@code listenIp: ['127.0.0.1']} and a string appData are ruled out by Java's types. */
    @Test
    void createPlainTransportWithWrongArgumentsRejectsWithTypeError() {
        assertThatThrownBy(() -> await(router.createPlainTransport(PlainTransportOptions.builder().build())))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withPortRange(PortRange.of(4000, 3000))).build())))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(router.createPlainTransport(PlainTransportOptions.builder().listenIp("123").build())))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.tcp("127.0.0.1")).build())))
                .hasCauseInstanceOf(TypeError.class);
    }

    private static PlainTransport.ConnectParams srtpConnect(SrtpCryptoSuite suite, String key) {
        return new PlainTransport.ConnectParams("127.0.0.2", 9999, null, new SrtpParameters(suite, key));
    }

    /**
     * Node's {@code srtpParameters: 1}, {@code cryptoSuite: 'FOO'} or {@code 123} and {@code keyBase64:
     * []} cannot be written in Java; a missing crypto suite or key stands for them.
     */
    @Test
    void createPlainTransportWithEnableSrtpSucceeds() throws Exception {
        // Use default cryptoSuite: 'AES_CM_128_HMAC_SHA1_80'.
        PlainTransport transport = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenIp("127.0.0.1").enableSrtp(true).build()));

        assertThat(transport.id()).isNotBlank();
        assertThat(transport.srtpParameters().cryptoSuite()).isEqualTo(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80);
        assertThat(transport.srtpParameters().keyBase64()).hasSize(40);

        // Missing srtpParameters.
        assertThatThrownBy(() -> await(transport.connect(PlainTransport.ConnectParams.of("127.0.0.2", 9999))))
                .hasCauseInstanceOf(TypeError.class);
        // Missing srtpParameters.cryptoSuite.
        assertThatThrownBy(() -> await(transport.connect(srtpConnect(null, KEY_80)))).hasCauseInstanceOf(TypeError.class);
        // Missing srtpParameters.keyBase64.
        assertThatThrownBy(() -> await(transport.connect(srtpConnect(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, null))))
                .hasCauseInstanceOf(TypeError.class);

        // Valid srtpParameters. And let's update the crypto suite.
        assertThat(await(transport.connect(srtpConnect(SrtpCryptoSuite.AEAD_AES_256_GCM, KEY_GCM_256)))).isNull();
        assertThat(transport.srtpParameters().cryptoSuite()).isEqualTo(SrtpCryptoSuite.AEAD_AES_256_GCM);
        assertThat(transport.srtpParameters().keyBase64()).hasSize(60);
    }

    @Test
    void connectWithSrtpParametersAndComediaEnabledSucceeds() throws Exception {
        // In comedia mode the remote endpoint is not known until the first packet is
        // received, so the worker's connect response carries no tuple.
        PlainTransport transport = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1")).enableSrtp(true).comedia(true).build()));

        // Default cryptoSuite: 'AES_CM_128_HMAC_SHA1_80'.
        assertThat(transport.srtpParameters().cryptoSuite()).isEqualTo(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80);
        assertThat(transport.srtpParameters().keyBase64()).hasSize(40);
        // The tuple only carries local information until comedia latches a remote.
        assertThat(transport.tuple().localAddress()).isEqualTo("127.0.0.1");
        assertThat(transport.tuple().protocol()).isEqualTo(TransportProtocol.UDP);
        assertThat(transport.tuple().remoteIp()).isNull();

        // Valid srtpParameters. And no need for ip and port since comedia is enabled.
        assertThat(await(transport.connect(PlainTransport.ConnectParams.of(
                new SrtpParameters(SrtpCryptoSuite.AEAD_AES_256_GCM, KEY_GCM_256))))).isNull();

        // The remote SRTP crypto suite has been applied.
        assertThat(transport.srtpParameters().cryptoSuite()).isEqualTo(SrtpCryptoSuite.AEAD_AES_256_GCM);
        assertThat(transport.srtpParameters().keyBase64()).hasSize(60);
        // The tuple is still local only. Comedia will latch the remote later.
        assertThat(transport.tuple().remoteIp()).isNull();
    }

    @Test
    void createPlainTransportWithNonBindableIpRejectsWithError() {
        assertThatThrownBy(() -> await(router.createPlainTransport(PlainTransportOptions.builder().listenIp("8.8.8.8").build())))
                .hasCauseInstanceOf(MediasoupException.class);
    }

    @Test
    void twoTransportsBindingToTheSameIpAndPortWithUdpReusePortFlagSucceed() throws Exception {
        String multicastIp = "224.0.0.1";
        int port = FreePorts.udp(multicastIp);

        // NOTE: ipv6Only flag will be ignored since ip is IPv4.
        assertThat(await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp(multicastIp).toBuilder().port(port).flags(new SocketFlags(true, true)).build())
                .build()))).isNotNull();
        assertThat(await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp(multicastIp).toBuilder().port(port).flags(new SocketFlags(false, true)).build())
                .build()))).isNotNull();
    }

    @Test
    void twoTransportsBindingToTheSameIpAndPortWithoutUdpReusePortFlagFail() throws Exception {
        String multicastIp = "224.0.0.1";
        int port = FreePorts.udp(multicastIp);
        PlainTransportOptions options = PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp(multicastIp).toBuilder().port(port).flags(new SocketFlags(false, false)).build())
                .build();

        assertThat(await(router.createPlainTransport(options))).isNotNull();
        assertThatThrownBy(() -> await(router.createPlainTransport(options))).hasCauseInstanceOf(MediasoupException.class);
    }

    @Test
    void getStatsSucceeds() throws Exception {
        PlainTransport transport = createOnLoopback();

        List<PlainTransportStat> stats = await(transport.getStats());

        assertThat(stats).hasSize(1);
        PlainTransportStat stat = stats.get(0);
        assertThat(stat.type()).isEqualTo("plain-rtp-transport");
        assertThat(stat.transportId()).isEqualTo(transport.id());
        assertThat(stat.timestamp()).isPositive();
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
        assertThat(stat.tuple().localIp()).isEqualTo("127.0.0.1");
        assertThat(stat.tuple().localAddress()).isEqualTo("127.0.0.1");
        assertThat(stat.tuple().localPort()).isPositive();
        assertThat(stat.tuple().protocol()).isEqualTo(TransportProtocol.UDP);
        assertThat(stat.rtcpTuple()).isNull();
    }

    @Test
    void connectSucceeds() throws Exception {
        PlainTransport transport = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenIp("127.0.0.1").rtcpMux(false).build()));

        assertThat(await(transport.connect(PlainTransport.ConnectParams.of("1.2.3.4", 1234, 1235)))).isNull();

        // Must fail if connected.
        assertThatThrownBy(() -> await(transport.connect(PlainTransport.ConnectParams.of("1.2.3.4", 1234, 1235))))
                .hasCauseInstanceOf(MediasoupException.class);
        assertThat(transport.tuple().remoteIp()).isEqualTo("1.2.3.4");
        assertThat(transport.tuple().remotePort()).isEqualTo(1234);
        assertThat(transport.tuple().protocol()).isEqualTo(TransportProtocol.UDP);
        assertThat(transport.rtcpTuple().remoteIp()).isEqualTo("1.2.3.4");
        assertThat(transport.rtcpTuple().remotePort()).isEqualTo(1235);
        assertThat(transport.rtcpTuple().protocol()).isEqualTo(TransportProtocol.UDP);
    }

    /** Node's {@code __port: 'chicken'} (a misspelt, mistyped port) is a missing port here. */
    @Test
    void connectWithWrongArgumentsRejectsWithTypeError() throws Exception {
        PlainTransport transport = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenIp("127.0.0.1").rtcpMux(false).build()));

        // No SRTP enabled so passing srtpParameters must fail.
        assertThatThrownBy(() -> await(transport.connect(new PlainTransport.ConnectParams("127.0.0.2", 9998, 9999,
                new SrtpParameters(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, KEY_80)))))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(transport.connect(new PlainTransport.ConnectParams(null, null, null, null))))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(transport.connect(new PlainTransport.ConnectParams("::::1234", null, null, null))))
                .hasCauseInstanceOf(TypeError.class);
        // Must fail because transport has rtcpMux: false so rtcpPort must be given in connect().
        assertThatThrownBy(() -> await(transport.connect(PlainTransport.ConnectParams.of("127.0.0.1", 1234))))
                .hasCauseInstanceOf(TypeError.class);
        assertThatThrownBy(() -> await(transport.connect(new PlainTransport.ConnectParams("127.0.0.1", null, 1235, null))))
                .hasCauseInstanceOf(TypeError.class);
    }

    @Test
    void plainTransportMethodsRejectIfClosed() throws Exception {
        PlainTransport transport = createOnLoopback();
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);

        transport.close();

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.dump())).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.getStats())).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.connect(new PlainTransport.ConnectParams(null, null, null, null))))
                .hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void createPlainTransportWithFixedPortSucceeds() throws Exception {
        int port = FreePorts.udp("127.0.0.1");

        PlainTransport transport = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withPort(port)).build()));

        assertThat(transport.tuple().localPort()).isEqualTo(port);
    }

    @Test
    void plainTransportEmitsRouterCloseIfRouterIsClosed() throws Exception {
        PlainTransport transport = createOnLoopback();
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        transport.once(Transport.ROUTER_CLOSE, routerClose::complete);

        router.close();
        await(routerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.dump())).hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void plainTransportEmitsRouterCloseIfWorkerIsClosed() throws Exception {
        PlainTransport transport = createOnLoopback();
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        transport.once(Transport.ROUTER_CLOSE, routerClose::complete);

        worker.close();
        await(routerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.dump())).hasCauseInstanceOf(InvalidStateError.class);
    }
}
