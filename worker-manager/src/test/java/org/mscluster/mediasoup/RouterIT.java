package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerDump;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-Router.js}, against the real worker. */
class RouterIT {

    static final List<RtpCodecCapability> MEDIA_CODECS = List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2)
                    .parameters(Map.of("useinbandfec", 1, "foo", "bar")).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP8").clockRate(90000).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/H264").clockRate(90000)
                    .parameters(Map.of("level-asymmetry-allowed", 1, "packetization-mode", 1, "profile-level-id", "4d0032"))
                    // Ignored.
                    .rtcpFeedback(List.of()).build());

    static final List<RtpCodecCapability> UNSUPPORTED_MEDIA_CODECS = List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/x-aiff").clockRate(8000).channels(1).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/3gpp").clockRate(90000).build());

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

    @Test
    void createRouterSucceeds() throws Exception {
        AtomicReference<Router> newRouter = new AtomicReference<>();
        AtomicInteger newRouterCalls = new AtomicInteger();
        worker.observer().once(Worker.NEW_ROUTER, router -> {
            newRouterCalls.incrementAndGet();
            newRouter.set(router);
        });

        Router router = await(worker.createRouter(new RouterOptions(MEDIA_CODECS, Map.of("foo", 123))));

        assertThat(newRouterCalls).hasValue(1);
        assertThat(newRouter.get()).isSameAs(router);
        assertThat(router.id()).isNotBlank();
        assertThat(router.closed()).isFalse();
        // 3 codecs + 2 RTX codecs.
        assertThat(router.rtpCapabilities().codecs()).hasSize(5);
        assertThat(router.rtpCapabilities().headerExtensions()).isNotNull();
        assertThat(router.appData()).isEqualTo(Map.of("foo", 123));
        router.setAppData(Map.of("foo", 222, "bar", "BBB"));
        assertThat(router.appData()).isEqualTo(Map.of("foo", 222, "bar", "BBB"));

        WorkerDump workerDump = await(worker.dump());
        assertThat(workerDump.pid()).isEqualTo(worker.pid());
        assertThat(workerDump.webRtcServerIds()).isEmpty();
        assertThat(workerDump.routerIds()).containsExactly(router.id());
        assertThat(workerDump.channelMessageHandlers().channelRequestHandlers()).containsExactly(router.id());
        assertThat(workerDump.channelMessageHandlers().channelNotificationHandlers()).isEmpty();

        RouterDump dump = await(router.dump());
        assertThat(dump.id()).isEqualTo(router.id());
        assertThat(dump.transportIds()).isEmpty();
        assertThat(dump.rtpObserverIds()).isEmpty();
        assertThat(dump.mapProducerIdConsumerIds()).isEmpty();
        assertThat(dump.mapConsumerIdProducerId()).isEmpty();
        assertThat(dump.mapProducerIdObserverIds()).isEmpty();
        assertThat(dump.mapDataProducerIdDataConsumerIds()).isEmpty();
        assertThat(dump.mapDataConsumerIdDataProducerId()).isEmpty();

        assertThat(worker.routersForTesting()).hasSize(1);
        worker.close();
        assertThat(router.closed()).isTrue();
        assertThat(worker.routersForTesting()).isEmpty();
    }

    @Test
    void createRouterWithInvalidCodecsRejectsWithUnsupportedError() {
        assertThatThrownBy(() -> await(worker.createRouter(RouterOptions.of(UNSUPPORTED_MEDIA_CODECS))))
                .hasCauseInstanceOf(UnsupportedError.class);
    }

    /**
     * Node passes {@code mediaCodecs: {}} and {@code appData: 'NOT-AN-OBJECT'}, which Java's types
     * rule out; what is left to check is a codec ortc refuses as malformed.
     */
    @Test
    void createRouterWithWrongArgumentsRejectsWithTypeError() {
        List<RtpCodecCapability> withoutMimeType = List.of(RtpCodecCapability.builder().kind(MediaKind.AUDIO).clockRate(48000).build());
        assertThatThrownBy(() -> await(worker.createRouter(RouterOptions.of(withoutMimeType))))
                .hasCauseInstanceOf(TypeError.class);
    }

    @Test
    void createRouterRejectsWithWorkerClosedErrorIfWorkerIsClosed() {
        worker.close();
        assertThatThrownBy(() -> await(worker.createRouter(RouterOptions.of(MEDIA_CODECS))))
                .hasCauseInstanceOf(InvalidStateError.class);
    }

    /** Node returns a clone; here the capabilities are immutable, so they cannot be changed at all. */
    @Test
    void rtpCapabilitiesGetterReturnsClonedRtpCapabilities() throws Exception {
        Router router = await(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
        RtpCapabilities original = router.rtpCapabilities();

        assertThatThrownBy(() -> router.rtpCapabilities().headerExtensions().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(router.rtpCapabilities()).isEqualTo(original);
    }

    @Test
    void updateMediaCodecsSucceeds() throws Exception {
        Router router = await(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
        // 3 codecs + 2 RTX codecs.
        assertThat(router.rtpCapabilities().codecs()).hasSize(5);
        assertThat(router.rtpCapabilities().headerExtensions()).isNotNull();

        router.updateMediaCodecs(List.of());

        assertThat(router.rtpCapabilities().codecs()).isEmpty();
        assertThat(router.rtpCapabilities().headerExtensions()).isNotNull();
    }

    @Test
    void closeSucceeds() throws Exception {
        Router router = await(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
        AtomicInteger observerClose = new AtomicInteger();
        router.observer().once(Router.OBSERVER_CLOSE, nothing -> observerClose.incrementAndGet());

        router.close();

        assertThat(observerClose).hasValue(1);
        assertThat(router.closed()).isTrue();
        assertThatThrownBy(() -> await(router.dump())).hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void routerEmitsWorkerCloseIfWorkerIsClosed() throws Exception {
        Router router = await(worker.createRouter(RouterOptions.of(MEDIA_CODECS)));
        AtomicInteger observerClose = new AtomicInteger();
        router.observer().once(Router.OBSERVER_CLOSE, nothing -> observerClose.incrementAndGet());
        CompletableFuture<Void> workerClose = new CompletableFuture<>();
        router.once(Router.WORKER_CLOSE, workerClose::complete);

        worker.close();
        await(workerClose);

        assertThat(observerClose).hasValue(1);
        assertThat(router.closed()).isTrue();
        assertThatThrownBy(() -> await(router.dump())).hasCauseInstanceOf(InvalidStateError.class);
    }
}
