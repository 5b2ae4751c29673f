package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerDump;

/**
 * Not in the jest suite, since Node has one thread: routers and transports used from many threads
 * at once, and closed while the worker is still creating things in them, end with the Java side
 * and the worker agreeing and nothing left behind.
 */
class RouterConcurrencyIT {

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

    @Test
    void transportsCreatedFromManyThreadsAtOnceAreAllKnownToTheRouter() throws Exception {
        Router router = worker.createRouter().get(5, TimeUnit.SECONDS);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<PlainTransport>> created = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                created.add(CompletableFuture.supplyAsync(() -> router.createPlainTransport(
                        PlainTransportOptions.builder().listenInfo(ListenInfo.udp("127.0.0.1")).build()), threads)
                        .thenCompose(future -> future));
            }
            CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            assertThat(router.transportsForTesting()).hasSize(160);
            assertThat(router.dump().get(5, TimeUnit.SECONDS).transportIds())
                    .containsExactlyInAnyOrderElementsOf(router.transportsForTesting().keySet());

            // Half closed concurrently by their own threads, the other half with the router.
            List<CompletableFuture<Void>> closed = new ArrayList<>();
            for (int i = 0; i < created.size(); i += 2) {
                PlainTransport transport = created.get(i).join();
                closed.add(CompletableFuture.runAsync(transport::close, threads));
            }
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(router.transportsForTesting()).hasSize(80);
            assertThat(router.dump().get(5, TimeUnit.SECONDS).transportIds()).hasSize(80);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRouterClosedWhileTransportsAreBeingCreatedLeavesNoneOpen() throws Exception {
        Router router = worker.createRouter().get(5, TimeUnit.SECONDS);
        List<CompletableFuture<WebRtcTransport>> created = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            created.add(router.createWebRtcTransport(WebRtcTransportOptions.builder()
                    .listenInfos(ListenInfo.udp("127.0.0.1")).enableSctp(true).build()));
        }

        router.close();

        for (CompletableFuture<WebRtcTransport> future : created) {
            // Each either fails (the router was gone in the worker) or yields a transport closed with it.
            WebRtcTransport transport = future.handle((value, error) -> value).get(5, TimeUnit.SECONDS);
            if (transport != null) {
                assertThat(transport.closed()).isTrue();
            }
        }
        assertThat(router.transportsForTesting()).isEmpty();
        WorkerDump dump = worker.dump().get(5, TimeUnit.SECONDS);
        assertThat(dump.routerIds()).isEmpty();
        assertThat(dump.channelMessageHandlers().channelRequestHandlers()).isEmpty();
    }

    @Test
    void aTransportClosedWhileProducersAreBeingCreatedLeavesNoneOpen() throws Exception {
        Router router = worker.createRouter(RouterOptions.of(List.of(RtpCodecCapability.builder()
                .kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2).build())))
                .get(5, TimeUnit.SECONDS);
        PlainTransport transport = router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1")).build()).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<Producer>> created = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            created.add(transport.produce(ProducerOptions.of(MediaKind.AUDIO, RtpParameters.builder()
                    .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").payloadType(111).clockRate(48000)
                            .channels(2).build()))
                    .encodings(List.of(RtpEncodingParameters.ofSsrc(1000L + i)))
                    .build())));
        }

        transport.close();

        for (CompletableFuture<Producer> future : created) {
            Producer producer = future.handle((value, error) -> value).get(5, TimeUnit.SECONDS);
            if (producer != null) {
                assertThat(producer.closed()).isTrue();
            }
        }
        assertThat(transport.producersForTesting()).isEmpty();
        assertThat(router.producersForTesting()).isEmpty();
        assertThat(router.dump().get(5, TimeUnit.SECONDS).transportIds()).isEmpty();
    }
}
