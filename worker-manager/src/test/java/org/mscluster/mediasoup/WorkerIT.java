package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mscluster.channel.InvalidStateError;
import org.mscluster.channel.MediasoupException;
import org.mscluster.channel.TypeError;
import org.mscluster.channel.WorkerMode;

/** The Worker slice of the API against the real worker, hosted both ways. */
class WorkerIT {

    private static Worker start(WorkerMode mode) throws Exception {
        return Mediasoup.createWorker(WorkerSettings.builder().mode(mode).logLevel(WorkerLogLevel.WARN).build())
                .get(20, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(WorkerMode.class)
    void startsDumpsReportsUsageUpdatesSettingsAndCloses(WorkerMode mode) throws Exception {
        Worker worker = start(mode);
        AtomicInteger observerClose = new AtomicInteger();
        worker.observer().on(Worker.OBSERVER_CLOSE, nothing -> observerClose.incrementAndGet());
        try {
            assertThat(worker.mode()).isEqualTo(mode);
            WorkerDump dump = worker.dump().get(5, TimeUnit.SECONDS);
            assertThat(dump.pid()).isEqualTo(worker.pid());
            assertThat(dump.routerIds()).isEmpty();
            assertThat(dump.webRtcServerIds()).isEmpty();
            assertThat(dump.channelMessageHandlers().channelRequestHandlers()).isEmpty();

            WorkerResourceUsage usage = worker.getResourceUsage().get(5, TimeUnit.SECONDS);
            assertThat(usage.ruMaxrss()).isPositive();

            worker.updateSettings(new WorkerUpdateableSettings(WorkerLogLevel.DEBUG, List.of(WorkerLogTag.ICE, WorkerLogTag.DTLS)))
                    .get(5, TimeUnit.SECONDS);
            worker.updateSettings(new WorkerUpdateableSettings(WorkerLogLevel.WARN, List.of())).get(5, TimeUnit.SECONDS);
        } finally {
            worker.close();
        }
        assertThat(worker.closed()).isTrue();
        assertThat(observerClose).hasValue(1);
        assertThat(worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS).clean()).isTrue();
        assertThat(worker.died()).isFalse();
        assertThatThrownBy(() -> worker.dump().join()).hasCauseInstanceOf(InvalidStateError.class);
    }

    @ParameterizedTest
    @EnumSource(WorkerMode.class)
    void badSettingsFailWithATypeError(WorkerMode mode) {
        CompletableFuture<Worker> creation = Mediasoup.createWorker(
                WorkerSettings.builder().mode(mode).rtcMinPort(50000).rtcMaxPort(40000).build());
        assertThatThrownBy(() -> creation.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TypeError.class)
                .hasMessageContaining("wrong settings")
                .hasMessageContaining("exit code 42");
    }

    @ParameterizedTest
    @EnumSource(WorkerMode.class)
    void fourWorkersAtOnceEachAnswer(WorkerMode mode) throws Exception {
        List<CompletableFuture<Worker>> starting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starting.add(Mediasoup.createWorker(WorkerSettings.builder().mode(mode).logLevel(WorkerLogLevel.WARN).build()));
        }
        List<Worker> workers = new ArrayList<>();
        try {
            for (CompletableFuture<Worker> future : starting) {
                workers.add(future.get(20, TimeUnit.SECONDS));
            }
            List<CompletableFuture<WorkerDump>> dumps = new ArrayList<>();
            for (int round = 0; round < 250; round++) {
                for (Worker worker : workers) {
                    dumps.add(worker.dump());
                }
            }
            CompletableFuture.allOf(dumps.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            for (int i = 0; i < dumps.size(); i++) {
                assertThat(dumps.get(i).join().pid()).isEqualTo(workers.get(i % workers.size()).pid());
            }
        } finally {
            workers.forEach(Worker::close);
        }
        for (Worker worker : workers) {
            assertThat(worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS).clean()).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void killedProcessWorkerDiesWithinASecondAndFailsItsPendingRequests() throws Exception {
        Worker worker = start(WorkerMode.PROCESS);
        AtomicReference<MediasoupException> died = new AtomicReference<>();
        AtomicInteger observerClose = new AtomicInteger();
        worker.on(Worker.DIED, died::set);
        worker.observer().on(Worker.OBSERVER_CLOSE, nothing -> observerClose.incrementAndGet());
        // Stopped first, so that the requests below are certainly pending when the kill lands.
        signal(worker.pid(), "STOP");
        List<CompletableFuture<WorkerDump>> pending = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pending.add(worker.dump());
        }
        assertThat(pending).noneMatch(CompletableFuture::isDone);
        signal(worker.pid(), "KILL");
        await().atMost(Duration.ofSeconds(1)).until(() -> died.get() != null);
        for (CompletableFuture<WorkerDump> request : pending) {
            assertThat(request).isCompletedExceptionally();
            assertThatThrownBy(request::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(InvalidStateError.class);
        }
        assertThat(died.get()).hasMessageContaining("SIGKILL");
        assertThat(worker.died()).isTrue();
        assertThat(observerClose).hasValue(1);
        assertThat(worker.whenSubprocessClosed().get(1, TimeUnit.SECONDS).signal()).isEqualTo("SIGKILL");
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
