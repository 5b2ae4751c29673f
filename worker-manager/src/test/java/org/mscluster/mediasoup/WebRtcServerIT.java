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
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.mediasoup.transport.DtlsState;
import org.mscluster.mediasoup.transport.IceCandidate;
import org.mscluster.mediasoup.transport.IceCandidateTcpType;
import org.mscluster.mediasoup.transport.IceCandidateType;
import org.mscluster.mediasoup.transport.IceState;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PortRange;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportProtocol;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.mscluster.mediasoup.webrtcserver.WebRtcServerDump.IpPort;
import org.mscluster.mediasoup.webrtcserver.WebRtcServerDump;
import org.mscluster.mediasoup.webrtcserver.WebRtcServerOptions;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerDump;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-WebRtcServer.js}, against the real worker. */
class WebRtcServerIT {

    private Worker worker;

    @BeforeEach
    void createWorker() throws Exception {
        worker = TestWorkers.start();
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

    private static ListenInfo udp(String ip, int port) {
        return ListenInfo.builder().protocol(TransportProtocol.UDP).ip(ip).port(port).build();
    }

    private static ListenInfo tcp(String ip, int port) {
        return ListenInfo.builder().protocol(TransportProtocol.TCP).ip(ip).port(port).build();
    }

    /** The {@code newwebrtcserver} checks and worker/server dump checks the three creation tests share. */
    private void assertCreated(WebRtcServer webRtcServer, List<WebRtcServer> announced, Integer udpPort, Integer tcpPort)
            throws Exception {
        assertThat(announced).containsExactly(webRtcServer);
        assertThat(webRtcServer.id()).isNotBlank();
        assertThat(webRtcServer.closed()).isFalse();
        assertThat(webRtcServer.appData()).isEqualTo(Map.of("foo", 123));

        WorkerDump workerDump = await(worker.dump());
        assertThat(workerDump.pid()).isEqualTo(worker.pid());
        assertThat(workerDump.webRtcServerIds()).containsExactly(webRtcServer.id());
        assertThat(workerDump.routerIds()).isEmpty();
        assertThat(workerDump.channelMessageHandlers().channelRequestHandlers()).containsExactly(webRtcServer.id());
        assertThat(workerDump.channelMessageHandlers().channelNotificationHandlers()).isEmpty();

        WebRtcServerDump dump = await(webRtcServer.dump());
        assertThat(dump.id()).isEqualTo(webRtcServer.id());
        assertThat(dump.udpSockets()).singleElement().satisfies(socket -> {
            assertThat(socket.ip()).isEqualTo("127.0.0.1");
            if (udpPort != null) {
                assertThat(socket.port()).isEqualTo(udpPort);
            }
        });
        assertThat(dump.tcpServers()).singleElement().satisfies(server -> {
            assertThat(server.ip()).isEqualTo("127.0.0.1");
            if (tcpPort != null) {
                assertThat(server.port()).isEqualTo(tcpPort);
            }
        });
        assertThat(dump.webRtcTransportIds()).isEmpty();
        assertThat(dump.localIceUsernameFragments()).isEmpty();

        assertThat(worker.webRtcServersForTesting()).hasSize(1);
        worker.close();
        assertThat(webRtcServer.closed()).isTrue();
        assertThat(worker.webRtcServersForTesting()).isEmpty();
    }

    @Test
    void createWebRtcServerSucceeds() throws Exception {
        List<WebRtcServer> announced = new ArrayList<>();
        worker.observer().once(Worker.NEW_WEBRTC_SERVER, announced::add);
        int port1 = FreePorts.udp("127.0.0.1");
        int port2 = FreePorts.tcp("127.0.0.1");

        WebRtcServer webRtcServer = await(worker.createWebRtcServer(new WebRtcServerOptions(List.of(
                udp("127.0.0.1", port1),
                tcp("127.0.0.1", port2).withAnnouncedAddress("foo.bar.org")), Map.of("foo", 123))));

        assertCreated(webRtcServer, announced, port1, port2);
    }

    @Test
    void createWebRtcServerWithPortRangeSucceeds() throws Exception {
        List<WebRtcServer> announced = new ArrayList<>();
        worker.observer().once(Worker.NEW_WEBRTC_SERVER, announced::add);
        int port1 = FreePorts.udp("127.0.0.1");
        int port2 = FreePorts.udp("127.0.0.1");

        WebRtcServer webRtcServer = await(worker.createWebRtcServer(new WebRtcServerOptions(List.of(
                ListenInfo.udp("127.0.0.1").withPortRange(PortRange.of(port1, port1)),
                ListenInfo.tcp("127.0.0.1").withAnnouncedAddress("1.2.3.4").withPortRange(PortRange.of(port2, port2))),
                Map.of("foo", 123))));

        assertCreated(webRtcServer, announced, port1, port2);
    }

    @Test
    void createWebRtcServerWithoutSpecifyingPortOrPortRangeSucceeds() throws Exception {
        List<WebRtcServer> announced = new ArrayList<>();
        worker.observer().once(Worker.NEW_WEBRTC_SERVER, announced::add);

        WebRtcServer webRtcServer = await(worker.createWebRtcServer(new WebRtcServerOptions(List.of(
                ListenInfo.udp("127.0.0.1"),
                ListenInfo.tcp("127.0.0.1").withAnnouncedAddress("1.2.3.4")), Map.of("foo", 123))));

        assertCreated(webRtcServer, announced, null, null);
    }

    /**
     * Node's {@code listenInfos: 'NOT-AN-ARRAY'} and {@code ['NOT-AN-OBJECT']} are ruled out by the
     * types; a missing list, a null entry and an empty list remain.
     */
    @Test
    void createWebRtcServerWithWrongArgumentsRejectsWithTypeError() {
        assertThatThrownBy(() -> await(worker.createWebRtcServer(new WebRtcServerOptions(null, null))))
                .hasCauseInstanceOf(TypeError.class);
        List<ListenInfo> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> await(worker.createWebRtcServer(WebRtcServerOptions.of(withNull))))
                .hasCauseInstanceOf(MediasoupException.class);
        // Empty listenInfos so should fail.
        assertThatThrownBy(() -> await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of()))))
                .hasCauseInstanceOf(TypeError.class);
    }

    @Test
    void createWebRtcServerWithUnavailableListenInfosRejectsWithError() throws Exception {
        Worker worker2 = TestWorkers.start();
        try {
            int port1 = FreePorts.udp("127.0.0.1");
            int port2 = FreePorts.udp("127.0.0.1");

            // Using an unavailable listen IP.
            assertThatThrownBy(() -> await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                    udp("127.0.0.1", port1), udp("1.2.3.4", port2))))))
                    .hasCauseInstanceOf(MediasoupException.class);

            // Using the same UDP port in two listenInfos.
            assertThatThrownBy(() -> await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                    udp("127.0.0.1", port1), udp("127.0.0.1", port1).withAnnouncedAddress("1.2.3.4"))))))
                    .hasCauseInstanceOf(MediasoupException.class);

            await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(udp("127.0.0.1", port1)))));

            // Using the same UDP port in a second Worker.
            assertThatThrownBy(() -> await(worker2.createWebRtcServer(WebRtcServerOptions.of(List.of(udp("127.0.0.1", port1))))))
                    .hasCauseInstanceOf(MediasoupException.class);
        } finally {
            TestWorkers.close(worker2);
        }
    }

    @Test
    void createWebRtcServerRejectsWithWorkerClosedErrorIfWorkerIsClosed() {
        worker.close();
        int port = FreePorts.udp("127.0.0.1");
        assertThatThrownBy(() -> await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(udp("127.0.0.1", port))))))
                .hasCauseInstanceOf(InvalidStateError.class);
    }

    @Test
    void closeSucceeds() throws Exception {
        int port = FreePorts.udp("127.0.0.1");
        WebRtcServer webRtcServer = await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(udp("127.0.0.1", port)))));
        List<Void> observerClose = new ArrayList<>();
        webRtcServer.observer().once(WebRtcServer.OBSERVER_CLOSE, observerClose::add);

        webRtcServer.close();

        assertThatThrownBy(() -> await(webRtcServer.dump())).hasCauseInstanceOf(NotFoundError.class);
        assertThat(observerClose).hasSize(1);
        assertThat(webRtcServer.closed()).isTrue();
    }

    @Test
    void webRtcServerEmitsWorkerCloseIfWorkerIsClosed() throws Exception {
        int port = FreePorts.udp("127.0.0.1");
        WebRtcServer webRtcServer = await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(tcp("127.0.0.1", port)))));
        List<Void> observerClose = new ArrayList<>();
        webRtcServer.observer().once(WebRtcServer.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> workerClose = new CompletableFuture<>();
        webRtcServer.once(WebRtcServer.WORKER_CLOSE, workerClose::complete);

        worker.close();
        await(workerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(webRtcServer.closed()).isTrue();
        assertThatThrownBy(() -> await(webRtcServer.dump())).hasCauseInstanceOf(InvalidStateError.class);
    }

    @Test
    void createWebRtcTransportWithWebRtcServerSucceedsAndTransportIsClosed() throws Exception {
        int port1 = FreePorts.udp("127.0.0.1");
        int port2 = FreePorts.tcp("127.0.0.1");
        WebRtcServer webRtcServer = await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                udp("127.0.0.1", port1),
                tcp("127.0.0.1", port2).toBuilder().announcedAddress("media1.foo.org").exposeInternalIp(true).build()))));
        List<WebRtcTransport> handled = new ArrayList<>();
        List<WebRtcTransport> unhandled = new ArrayList<>();
        webRtcServer.observer().once(WebRtcServer.WEBRTC_TRANSPORT_HANDLED, handled::add);
        webRtcServer.observer().once(WebRtcServer.WEBRTC_TRANSPORT_UNHANDLED, unhandled::add);
        Router router = await(worker.createRouter());
        List<Transport> newTransports = new ArrayList<>();
        router.observer().once(Router.NEW_TRANSPORT, newTransports::add);

        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .webRtcServer(webRtcServer)
                // Let's disable UDP so resulting ICE candidates should only contain TCP.
                .enableUdp(false)
                .appData(Map.of("foo", "bar"))
                .build()));

        assertThat(await(router.dump()).transportIds()).containsExactly(transport.id());
        assertThat(handled).containsExactly(transport);
        assertThat(newTransports).containsExactly(transport);
        assertThat(transport.id()).isNotBlank();
        assertThat(transport.closed()).isFalse();
        assertThat(transport.appData()).isEqualTo(Map.of("foo", "bar"));

        List<IceCandidate> iceCandidates = transport.iceCandidates();
        assertThat(iceCandidates).hasSize(2);
        assertThat(iceCandidates.get(0).address()).isEqualTo("media1.foo.org");
        assertThat(iceCandidates.get(0).ip()).isEqualTo("media1.foo.org");
        assertThat(iceCandidates.get(0).port()).isEqualTo(port2);
        assertThat(iceCandidates.get(0).protocol()).isEqualTo(TransportProtocol.TCP);
        assertThat(iceCandidates.get(0).type()).isEqualTo(IceCandidateType.HOST);
        assertThat(iceCandidates.get(0).tcpType()).isEqualTo(IceCandidateTcpType.PASSIVE);
        assertThat(iceCandidates.get(1).address()).isEqualTo("127.0.0.1");
        assertThat(iceCandidates.get(1).ip()).isEqualTo("127.0.0.1");
        assertThat(iceCandidates.get(1).port()).isEqualTo(port2);
        assertThat(iceCandidates.get(1).protocol()).isEqualTo(TransportProtocol.TCP);
        assertThat(iceCandidates.get(1).type()).isEqualTo(IceCandidateType.HOST);
        assertThat(iceCandidates.get(1).tcpType()).isEqualTo(IceCandidateTcpType.PASSIVE);
        assertThat(iceCandidates.get(0).priority()).isGreaterThan(iceCandidates.get(1).priority());
        assertThat(transport.iceState()).isEqualTo(IceState.NEW);
        assertThat(transport.iceSelectedTuple()).isNull();

        assertThat(webRtcServer.webRtcTransportsForTesting()).hasSize(1);
        assertThat(router.transportsForTesting()).hasSize(1);
        WebRtcServerDump serverDump = await(webRtcServer.dump());
        assertThat(serverDump.id()).isEqualTo(webRtcServer.id());
        assertThat(serverDump.udpSockets()).containsExactly(new IpPort("127.0.0.1", port1));
        assertThat(serverDump.tcpServers()).containsExactly(new IpPort("127.0.0.1", port2));
        assertThat(serverDump.webRtcTransportIds()).containsExactly(transport.id());
        assertThat(serverDump.localIceUsernameFragments()).singleElement()
                .satisfies(fragment -> assertThat(fragment.webRtcTransportId()).isEqualTo(transport.id()));

        transport.close();

        assertThat(transport.closed()).isTrue();
        assertThat(unhandled).containsExactly(transport);
        assertThat(webRtcServer.webRtcTransportsForTesting()).isEmpty();
        assertThat(router.transportsForTesting()).isEmpty();
        serverDump = await(webRtcServer.dump());
        assertThat(serverDump.id()).isEqualTo(webRtcServer.id());
        assertThat(serverDump.udpSockets()).containsExactly(new IpPort("127.0.0.1", port1));
        assertThat(serverDump.tcpServers()).containsExactly(new IpPort("127.0.0.1", port2));
        assertThat(serverDump.webRtcTransportIds()).isEmpty();
        assertThat(serverDump.localIceUsernameFragments()).isEmpty();
    }

    @Test
    void createWebRtcTransportWithWebRtcServerSucceedsAndWebRtcServerIsClosed() throws Exception {
        int port1 = FreePorts.udp("127.0.0.1");
        int port2 = FreePorts.tcp("127.0.0.1");
        WebRtcServer webRtcServer = await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                udp("127.0.0.1", port1), tcp("127.0.0.1", port2)))));
        List<WebRtcTransport> handled = new ArrayList<>();
        List<WebRtcTransport> unhandled = new ArrayList<>();
        webRtcServer.observer().once(WebRtcServer.WEBRTC_TRANSPORT_HANDLED, handled::add);
        webRtcServer.observer().once(WebRtcServer.WEBRTC_TRANSPORT_UNHANDLED, unhandled::add);
        Router router = await(worker.createRouter());

        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .webRtcServer(webRtcServer).appData(Map.of("foo", "bar")).build()));

        assertThat(handled).containsExactly(transport);
        assertThat(await(router.dump()).transportIds()).containsExactly(transport.id());
        assertThat(transport.id()).isNotBlank();
        assertThat(transport.closed()).isFalse();
        assertThat(transport.appData()).isEqualTo(Map.of("foo", "bar"));

        List<IceCandidate> iceCandidates = transport.iceCandidates();
        assertThat(iceCandidates).hasSize(2);
        assertThat(iceCandidates.get(0).ip()).isEqualTo("127.0.0.1");
        assertThat(iceCandidates.get(0).port()).isEqualTo(port1);
        assertThat(iceCandidates.get(0).protocol()).isEqualTo(TransportProtocol.UDP);
        assertThat(iceCandidates.get(0).type()).isEqualTo(IceCandidateType.HOST);
        assertThat(iceCandidates.get(0).tcpType()).isNull();
        assertThat(iceCandidates.get(1).ip()).isEqualTo("127.0.0.1");
        assertThat(iceCandidates.get(1).port()).isEqualTo(port2);
        assertThat(iceCandidates.get(1).protocol()).isEqualTo(TransportProtocol.TCP);
        assertThat(iceCandidates.get(1).type()).isEqualTo(IceCandidateType.HOST);
        assertThat(iceCandidates.get(1).tcpType()).isEqualTo(IceCandidateTcpType.PASSIVE);
        assertThat(transport.iceState()).isEqualTo(IceState.NEW);
        assertThat(transport.iceSelectedTuple()).isNull();

        assertThat(webRtcServer.webRtcTransportsForTesting()).hasSize(1);
        assertThat(router.transportsForTesting()).hasSize(1);
        WebRtcServerDump serverDump = await(webRtcServer.dump());
        assertThat(serverDump.udpSockets()).containsExactly(new IpPort("127.0.0.1", port1));
        assertThat(serverDump.tcpServers()).containsExactly(new IpPort("127.0.0.1", port2));
        assertThat(serverDump.webRtcTransportIds()).containsExactly(transport.id());
        assertThat(serverDump.localIceUsernameFragments()).singleElement()
                .satisfies(fragment -> assertThat(fragment.webRtcTransportId()).isEqualTo(transport.id()));

        // Let's restart ICE in the transport so it should add a new entry in
        // localIceUsernameFragments in the WebRtcServer.
        await(transport.restartIce());

        serverDump = await(webRtcServer.dump());
        assertThat(serverDump.webRtcTransportIds()).containsExactly(transport.id());
        assertThat(serverDump.localIceUsernameFragments()).hasSize(2)
                .allSatisfy(fragment -> assertThat(fragment.webRtcTransportId()).isEqualTo(transport.id()));

        List<Void> observerClose = new ArrayList<>();
        webRtcServer.observer().once(WebRtcServer.OBSERVER_CLOSE, observerClose::add);
        List<Void> listenServerClose = new ArrayList<>();
        transport.once(Transport.LISTEN_SERVER_CLOSE, listenServerClose::add);

        webRtcServer.close();

        assertThat(webRtcServer.closed()).isTrue();
        assertThat(observerClose).hasSize(1);
        assertThat(listenServerClose).hasSize(1);
        assertThat(unhandled).containsExactly(transport);
        assertThat(transport.closed()).isTrue();
        assertThat(transport.iceState()).isEqualTo(IceState.CLOSED);
        assertThat(transport.iceSelectedTuple()).isNull();
        assertThat(transport.dtlsState()).isEqualTo(DtlsState.CLOSED);
        assertThat(transport.sctpState()).isNull();
        assertThat(webRtcServer.webRtcTransportsForTesting()).isEmpty();
        assertThat(router.transportsForTesting()).isEmpty();

        WorkerDump workerDump = await(worker.dump());
        assertThat(workerDump.pid()).isEqualTo(worker.pid());
        assertThat(workerDump.webRtcServerIds()).isEmpty();
        assertThat(workerDump.routerIds()).containsExactly(router.id());
        assertThat(workerDump.channelMessageHandlers().channelRequestHandlers()).containsExactly(router.id());
        assertThat(workerDump.channelMessageHandlers().channelNotificationHandlers()).isEmpty();
        RouterDump routerDump = await(router.dump());
        assertThat(routerDump.id()).isEqualTo(router.id());
        assertThat(routerDump.transportIds()).isEmpty();
    }

    /**
     * Not a jest test: Node keeps a transport closed with its router in the server's map until the
     * server closes; here the server lets go of it (and says so) when the router closes it.
     */
    @Test
    void transportClosedWithItsRouterIsNoLongerHandledByTheWebRtcServer() throws Exception {
        WebRtcServer webRtcServer = await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(ListenInfo.udp("127.0.0.1")))));
        Router router = await(worker.createRouter());
        WebRtcTransport transport = await(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .webRtcServer(webRtcServer).build()));
        List<WebRtcTransport> unhandled = new ArrayList<>();
        webRtcServer.observer().on(WebRtcServer.WEBRTC_TRANSPORT_UNHANDLED, unhandled::add);

        router.close();

        assertThat(transport.closed()).isTrue();
        assertThat(unhandled).containsExactly(transport);
        assertThat(webRtcServer.webRtcTransportsForTesting()).isEmpty();
        assertThat(await(webRtcServer.dump()).webRtcTransportIds()).isEmpty();
        webRtcServer.close();
        assertThat(unhandled).containsExactly(transport);
    }
}
