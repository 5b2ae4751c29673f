package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mscluster.mediasoup.Futures.await;
import static org.mscluster.mediasoup.Futures.failure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.observer.AudioLevelObserver;
import org.mscluster.mediasoup.observer.AudioLevelObserverOptions;
import org.mscluster.mediasoup.observer.RtpObserver;
import org.mscluster.mediasoup.observer.RtpObserverType;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-AudioLevelObserver.js}, against the real worker. */
class AudioLevelObserverIT {

    static final RouterOptions ROUTER_OPTIONS = JsLiterals.read(RouterOptions.class, """
            { mediaCodecs: [
                { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2,
                  parameters: { useinbandfec: 1, foo: 'bar' } },
            ] }""");

    private Worker worker;
    private Router router;

    @BeforeEach
    void createRouter() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter(ROUTER_OPTIONS));
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
    void routerCreateAudioLevelObserverSucceeds() throws Exception {
        List<RtpObserver> newRtpObservers = new ArrayList<>();
        router.observer().once(Router.NEW_RTP_OBSERVER, newRtpObservers::add);

        AudioLevelObserver audioLevelObserver = await(router.createAudioLevelObserver());

        assertThat(newRtpObservers).containsExactly(audioLevelObserver);
        assertThat(audioLevelObserver.id()).isNotBlank();
        assertThat(audioLevelObserver.closed()).isFalse();
        assertThat(audioLevelObserver.type()).isEqualTo(RtpObserverType.AUDIO_LEVEL);
        assertThat(audioLevelObserver.paused()).isFalse();
        assertThat(audioLevelObserver.appData()).isEmpty();
        assertThat(await(router.dump()).rtpObserverIds()).containsExactly(audioLevelObserver.id());
    }

    /**
     * Node's {@code threshold: 'foo'}, {@code interval: false} and {@code appData: 'NOT-AN-OBJECT'}
     * cannot be written in Java, whose types rule them out; the range checks remain.
     */
    @Test
    void routerCreateAudioLevelObserverWithWrongArgumentsRejectsWithTypeError() {
        assertThat(failure(() -> router.createAudioLevelObserver(AudioLevelObserverOptions.defaults().withMaxEntries(0))))
                .isInstanceOf(TypeError.class);
        assertThat(failure(() -> router.createAudioLevelObserver(AudioLevelObserverOptions.defaults().withMaxEntries(-10))))
                .isInstanceOf(TypeError.class);
    }

    @Test
    void audioLevelObserverPauseAndResumeSucceed() throws Exception {
        AudioLevelObserver audioLevelObserver = await(router.createAudioLevelObserver());

        await(audioLevelObserver.pause());
        assertThat(audioLevelObserver.paused()).isTrue();

        await(audioLevelObserver.resume());
        assertThat(audioLevelObserver.paused()).isFalse();
    }

    @Test
    void audioLevelObserverCloseSucceeds() throws Exception {
        AudioLevelObserver audioLevelObserver = await(router.createAudioLevelObserver(AudioLevelObserverOptions.defaults().withMaxEntries(8)));
        assertThat(await(router.dump()).rtpObserverIds()).hasSize(1);

        audioLevelObserver.close();

        assertThat(audioLevelObserver.closed()).isTrue();
        assertThat(await(router.dump()).rtpObserverIds()).isEmpty();
        assertThat(failure(audioLevelObserver::pause)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void audioLevelObserverEmitsRoutercloseIfRouterIsClosed() throws Exception {
        AudioLevelObserver audioLevelObserver = await(router.createAudioLevelObserver());
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        audioLevelObserver.once(RtpObserver.ROUTER_CLOSE, nothing -> routerClose.complete(null));

        router.close();
        await(routerClose);

        assertThat(audioLevelObserver.closed()).isTrue();
        assertThat(failure(audioLevelObserver::pause)).isInstanceOf(NotFoundError.class);
    }

    /** Node's WorkerClosedError is the channel's {@link InvalidStateError} here, as for the other classes. */
    @Test
    void audioLevelObserverEmitsRoutercloseIfWorkerIsClosed() throws Exception {
        AudioLevelObserver audioLevelObserver = await(router.createAudioLevelObserver());
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        audioLevelObserver.once(RtpObserver.ROUTER_CLOSE, nothing -> routerClose.complete(null));

        worker.close();
        await(routerClose);

        assertThat(audioLevelObserver.closed()).isTrue();
        assertThat(failure(audioLevelObserver::pause)).isInstanceOf(InvalidStateError.class);
    }
}
