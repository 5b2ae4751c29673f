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
import org.mscluster.mediasoup.observer.ActiveSpeakerObserver;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserverOptions;
import org.mscluster.mediasoup.observer.RtpObserver;
import org.mscluster.mediasoup.observer.RtpObserverType;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-ActiveSpeakerObserver.js}, against the real worker. */
class ActiveSpeakerObserverIT {

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
    void routerCreateActiveSpeakerObserverSucceeds() throws Exception {
        List<RtpObserver> newRtpObservers = new ArrayList<>();
        router.observer().once(Router.NEW_RTP_OBSERVER, newRtpObservers::add);

        ActiveSpeakerObserver activeSpeakerObserver = await(router.createActiveSpeakerObserver());

        assertThat(newRtpObservers).containsExactly(activeSpeakerObserver);
        assertThat(activeSpeakerObserver.id()).isNotBlank();
        assertThat(activeSpeakerObserver.closed()).isFalse();
        assertThat(activeSpeakerObserver.type()).isEqualTo(RtpObserverType.ACTIVE_SPEAKER);
        assertThat(activeSpeakerObserver.paused()).isFalse();
        assertThat(activeSpeakerObserver.appData()).isEmpty();
        assertThat(await(router.dump()).rtpObserverIds()).containsExactly(activeSpeakerObserver.id());
    }

    @Test
    void activeSpeakerObserverPauseAndResumeSucceed() throws Exception {
        ActiveSpeakerObserver activeSpeakerObserver = await(router.createActiveSpeakerObserver());

        await(activeSpeakerObserver.pause());
        assertThat(activeSpeakerObserver.paused()).isTrue();

        await(activeSpeakerObserver.resume());
        assertThat(activeSpeakerObserver.paused()).isFalse();
    }

    @Test
    void activeSpeakerObserverCloseSucceeds() throws Exception {
        ActiveSpeakerObserver activeSpeakerObserver = await(router.createActiveSpeakerObserver(ActiveSpeakerObserverOptions.defaults().withInterval(500)));
        assertThat(await(router.dump()).rtpObserverIds()).hasSize(1);

        activeSpeakerObserver.close();

        assertThat(activeSpeakerObserver.closed()).isTrue();
        assertThat(await(router.dump()).rtpObserverIds()).isEmpty();
        assertThat(failure(activeSpeakerObserver::pause)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void activeSpeakerObserverEmitsRoutercloseIfRouterIsClosed() throws Exception {
        ActiveSpeakerObserver activeSpeakerObserver = await(router.createActiveSpeakerObserver());
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        activeSpeakerObserver.once(RtpObserver.ROUTER_CLOSE, nothing -> routerClose.complete(null));

        router.close();
        await(routerClose);

        assertThat(activeSpeakerObserver.closed()).isTrue();
        assertThat(failure(activeSpeakerObserver::pause)).isInstanceOf(NotFoundError.class);
    }

    /** Node's WorkerClosedError is the channel's {@link InvalidStateError} here, as for the other classes. */
    @Test
    void activeSpeakerObserverEmitsRoutercloseIfWorkerIsClosed() throws Exception {
        ActiveSpeakerObserver activeSpeakerObserver = await(router.createActiveSpeakerObserver());
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        activeSpeakerObserver.once(RtpObserver.ROUTER_CLOSE, nothing -> routerClose.complete(null));

        worker.close();
        await(routerClose);

        assertThat(activeSpeakerObserver.closed()).isTrue();
        assertThat(failure(activeSpeakerObserver::pause)).isInstanceOf(InvalidStateError.class);
    }
}
