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
import org.mscluster.channel.InvalidStateError;
import org.mscluster.channel.NotFoundError;
import org.mscluster.channel.UnsupportedError;
import org.mscluster.mediasoup.transport.DirectTransportDump;
import org.mscluster.mediasoup.transport.DirectTransportStat;
import org.mscluster.mediasoup.transport.TransportType;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-DirectTransport.js}, against the real worker. */
class DirectTransportIT {

    private Worker worker;
    private Router router;

    @BeforeEach
    void createWorkerAndRouter() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter());
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

    @Test
    void createDirectTransportSucceeds() throws Exception {
        List<Transport> newTransports = new ArrayList<>();
        router.observer().once(Router.NEW_TRANSPORT, newTransports::add);

        DirectTransport transport = await(router.createDirectTransport(DirectTransportOptions.builder()
                .maxSendMessageSize(1024).maxReceiveMessageSize(1024).appData(Map.of("foo", "bar")).build()));

        assertThat(await(router.dump()).transportIds()).containsExactly(transport.id());
        assertThat(newTransports).containsExactly(transport);
        assertThat(transport.id()).isNotBlank();
        assertThat(transport.type()).isEqualTo(TransportType.DIRECT);
        assertThat(transport.closed()).isFalse();
        assertThat(transport.appData()).isEqualTo(Map.of("foo", "bar"));

        DirectTransportDump dump = await(transport.dump());
        assertThat(dump.id()).isEqualTo(transport.id());
        assertThat(dump.producerIds()).isEmpty();
        assertThat(dump.consumerIds()).isEmpty();
        assertThat(dump.dataProducerIds()).isEmpty();
        assertThat(dump.dataConsumerIds()).isEmpty();
        assertThat(dump.recvRtpHeaderExtensions()).isNotNull();
        assertThat(dump.rtpListener()).isNotNull();

        transport.close();
        assertThat(transport.closed()).isTrue();
    }

    @Test
    void getStatsSucceeds() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());

        List<DirectTransportStat> stats = await(transport.getStats());

        assertThat(stats).hasSize(1);
        DirectTransportStat stat = stats.get(0);
        assertThat(stat.type()).isEqualTo("direct-transport");
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
    }

    @Test
    void connectSucceeds() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        assertThat(await(transport.connect())).isNull();
    }

    /** Not a jest test: Node's DirectTransport refuses bitrate limits with UnsupportedError. */
    @Test
    void bitrateLimitsAreUnsupported() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        assertThatThrownBy(() -> await(transport.setMaxIncomingBitrate(1000))).hasCauseInstanceOf(UnsupportedError.class);
        assertThatThrownBy(() -> await(transport.setMaxOutgoingBitrate(1000))).hasCauseInstanceOf(UnsupportedError.class);
        assertThatThrownBy(() -> await(transport.setMinOutgoingBitrate(1000))).hasCauseInstanceOf(UnsupportedError.class);
    }

    @Test
    void directTransportMethodsRejectIfClosed() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);

        transport.close();

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.dump())).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.getStats())).hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void directTransportEmitsRouterCloseIfRouterIsClosed() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        transport.once(Transport.ROUTER_CLOSE, routerClose::complete);

        router.close();
        await(routerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.getStats())).hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void directTransportEmitsRouterCloseIfWorkerIsClosed() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        transport.once(Transport.ROUTER_CLOSE, routerClose::complete);

        worker.close();
        await(routerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.getStats())).hasCauseInstanceOf(InvalidStateError.class);
    }
}
