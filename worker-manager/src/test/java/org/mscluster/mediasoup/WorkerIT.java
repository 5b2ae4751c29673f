package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerDump;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerLogTag;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerResourceUsage;
import org.mscluster.mediasoup.worker.WorkerSettings;
import org.mscluster.channel.remote.MediaHost;
import org.mscluster.channel.remote.MediaHostSettings;
import org.mscluster.mediasoup.worker.MediaHostEndpoint;
import org.mscluster.mediasoup.worker.WorkerUpdateableSettings;

/**
 * Port of mediasoup's {@code test-Worker.js} (one test per jest test, in the same order, against the
 * real worker; signals need a child process, so those tests use {@link WorkerMode#PROCESS}), then
 * checks of our own: both hosting modes, four workers at once, pending requests on a kill.
 */
class WorkerIT {

    @TempDir
    static Path certificates;

    // ---- test-Worker.js ---------------------------------------------------------------------

    @Test
    void workerBinaryIsTheBuildsAbsolutePath() {
        Path executable = NativeBinaries.locate().workerExecutable();
        assertThat(executable).isAbsolute().isRegularFile().isExecutable();
        assertThat(executable.getFileName()).hasToString("mediasoup-worker");
    }

    @Test
    void createWorkerSucceeds() throws Exception {
        AtomicReference<Worker> newWorker = new AtomicReference<>();
        Mediasoup.observer().once(Mediasoup.OBSERVER_NEW_WORKER, newWorker::set);
        Worker worker1 = Mediasoup.createWorker().get(5, TimeUnit.SECONDS);
        assertThat(newWorker.get()).isSameAs(worker1);
        assertThat(worker1.pid()).isPositive();
        assertThat(worker1.closed()).isFalse();
        assertThat(worker1.subprocessClosed()).isFalse();
        assertThat(worker1.died()).isFalse();
        worker1.close();
        worker1.whenSubprocessClosed().get(5, TimeUnit.SECONDS);
        assertThat(worker1.closed()).isTrue();
        assertThat(worker1.subprocessClosed()).isTrue();
        assertThat(worker1.died()).isFalse();

        Path[] pair = dtlsCertificate();
        Worker worker2 = Mediasoup.createWorker(WorkerSettings.builder()
                .logLevel(WorkerLogLevel.DEBUG)
                .logTags(List.of(WorkerLogTag.INFO))
                .rtcMinPort(0)
                .rtcMaxPort(9999)
                .dtlsCertificateFile(pair[0].toString())
                .dtlsPrivateKeyFile(pair[1].toString())
                .libwebrtcFieldTrials("WebRTC-Bwe-AlrLimitedBackoff/Disabled/")
                .appData(new HashMap<>(Map.of("foo", 456)))
                .build()).get(5, TimeUnit.SECONDS);
        assertThat(worker2.pid()).isPositive();
        assertThat(worker2.closed()).isFalse();
        assertThat(worker2.subprocessClosed()).isFalse();
        assertThat(worker2.died()).isFalse();
        assertThat(worker2.appData()).isEqualTo(Map.of("foo", 456));
        worker2.close();
        worker2.whenSubprocessClosed().get(5, TimeUnit.SECONDS);
        assertThat(worker2.closed()).isTrue();
        assertThat(worker2.subprocessClosed()).isTrue();
        assertThat(worker2.died()).isFalse();
    }

    @Test
    void createWorkerWithWrongSettingsRejectsWithTypeError() {
        // logLevel 'chicken': the enum cannot hold it; parsing the name is where Java meets it.
        assertThatThrownBy(() -> WorkerLogLevel.of("chicken")).isInstanceOf(TypeError.class);
        assertWrongSettings(WorkerSettings.builder().rtcMinPort(1000).rtcMaxPort(999).build());
        assertWrongSettings(WorkerSettings.builder().rtcMinPort(1000).rtcMaxPort(65536).build());
        assertWrongSettings(WorkerSettings.builder().dtlsCertificateFile("/notfound/cert.pem").build());
        assertWrongSettings(WorkerSettings.builder().dtlsPrivateKeyFile("/notfound/priv.pem").build());
        // appData 'NOT-AN-OBJECT': a Map<String, Object> cannot be a string.
    }

    @Test
    void createWorkerWithWrongWorkerBinaryRejectsWithError() {
        CompletableFuture<Worker> creation = Mediasoup.createWorker(WorkerSettings.defaults(),
                new NativeBinaries(Path.of("/tmp/foo")));
        assertThatThrownBy(() -> creation.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(MediasoupException.class)
                .hasMessageContaining("/tmp/foo");
    }

    @Test
    void updateSettingsSucceeds() throws Exception {
        Worker worker = Mediasoup.createWorker().get(5, TimeUnit.SECONDS);
        assertThat(worker.updateSettings(new WorkerUpdateableSettings(WorkerLogLevel.DEBUG, List.of(WorkerLogTag.ICE)))
                .get(5, TimeUnit.SECONDS)).isNull();
        closeAndWait(worker);
    }

    @Test
    void updateSettingsWithWrongSettingsRejectsWithTypeError() throws Exception {
        Worker worker = Mediasoup.createWorker().get(5, TimeUnit.SECONDS);
        // The typed API cannot send 'chicken'; the raw request shows the worker's answer.
        CompletableFuture<FBS.Response.Response> raw = worker.channel().request(FBS.Request.Method.WORKER_UPDATE_SETTINGS, null,
                FBS.Request.Body.Worker_UpdateSettingsRequest,
                builder -> FBS.Worker.UpdateSettingsRequest.createUpdateSettingsRequest(builder, builder.createString("chicken"), 0));
        assertThatThrownBy(() -> raw.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TypeError.class).hasMessageContaining("chicken");
        closeAndWait(worker);
    }

    @Test
    void updateSettingsRejectsWithInvalidStateErrorIfClosed() throws Exception {
        Worker worker = Mediasoup.createWorker().get(5, TimeUnit.SECONDS);
        closeAndWait(worker);
        assertThatThrownBy(() -> worker.updateSettings(new WorkerUpdateableSettings(WorkerLogLevel.ERROR, null)).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(InvalidStateError.class);
    }

    @Test
    void dumpSucceeds() throws Exception {
        Worker worker = Mediasoup.createWorker().get(5, TimeUnit.SECONDS);
        WorkerDump dump = worker.dump().get(5, TimeUnit.SECONDS);
        assertThat(dump.pid()).isEqualTo(worker.pid());
        assertThat(dump.webRtcServerIds()).isEmpty();
        assertThat(dump.routerIds()).isEmpty();
        assertThat(dump.channelMessageHandlers().channelRequestHandlers()).isEmpty();
        assertThat(dump.channelMessageHandlers().channelNotificationHandlers()).isEmpty();
        closeAndWait(worker);
    }

    @Test
    void dumpRejectsWithInvalidStateErrorIfClosed() throws Exception {
        Worker worker = Mediasoup.createWorker().get(5, TimeUnit.SECONDS);
        closeAndWait(worker);
        assertThatThrownBy(() -> worker.dump().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InvalidStateError.class);
    }

    @Test
    void getResourceUsageSucceeds() throws Exception {
        Worker worker = Mediasoup.createWorker().get(5, TimeUnit.SECONDS);
        assertThat(worker.getResourceUsage().get(5, TimeUnit.SECONDS)).isNotNull();
        closeAndWait(worker);
    }

    @Test
    void closeSucceeds() throws Exception {
        Worker worker = Mediasoup.createWorker(WorkerSettings.builder().logLevel(WorkerLogLevel.WARN).build()).get(5, TimeUnit.SECONDS);
        AtomicInteger onObserverClose = new AtomicInteger();
        worker.observer().once(Worker.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());
        closeAndWait(worker);
        assertThat(onObserverClose).hasValue(1);
        assertThat(worker.closed()).isTrue();
        assertThat(worker.subprocessClosed()).isTrue();
        assertThat(worker.died()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "KILL"})
    void workerEmitsDiedIfTheWorkerProcessDiedUnexpectedly(String signal) throws Exception {
        Worker worker = start(WorkerMode.PROCESS);
        AtomicInteger onDied = new AtomicInteger();
        AtomicInteger onObserverClose = new AtomicInteger();
        CompletableFuture<Void> verdict = new CompletableFuture<>();
        worker.observer().once(Worker.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());
        worker.on(Worker.DIED, error -> {
            onDied.incrementAndGet();
            if (onObserverClose.get() > 0) {
                verdict.completeExceptionally(new AssertionError("observer close emitted before worker died"));
            } else if (!worker.closed()) {
                verdict.completeExceptionally(new AssertionError("worker.closed is false"));
            } else {
                verdict.complete(null);
            }
        });
        signal(worker.pid(), signal);
        verdict.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(onObserverClose).hasValue(1));
        assertThat(onDied).hasValue(1);
        assertThat(worker.closed()).isTrue();
        assertThat(worker.subprocessClosed()).isTrue();
        assertThat(worker.died()).isTrue();
    }

    @Test
    void workerProcessIgnoresPipeHupAlrmUsr1AndUsr2Signals() throws Exception {
        Worker worker = start(WorkerMode.PROCESS);
        AtomicReference<MediasoupException> died = new AtomicReference<>();
        worker.on(Worker.DIED, died::set);
        for (String signal : List.of("PIPE", "HUP", "ALRM", "USR1", "USR2")) {
            signal(worker.pid(), signal);
        }
        Thread.sleep(2000); // as the jest test: the worker must still be there after two seconds
        assertThat(died.get()).isNull();
        assertThat(worker.closed()).isFalse();
        assertThat(worker.subprocessClosed()).isFalse();
        assertThat(worker.died()).isFalse();
        assertThat(worker.dump().get(5, TimeUnit.SECONDS).pid()).isEqualTo(worker.pid());
        closeAndWait(worker);
    }

    // ---- beyond test-Worker.js ----------------------------------------------------------------


    private static void assertWrongSettings(WorkerSettings settings) {
        CompletableFuture<Worker> creation = Mediasoup.createWorker(settings);
        assertThatThrownBy(() -> creation.get(5, TimeUnit.SECONDS)).as("%s", settings.toArgs()).hasCauseInstanceOf(TypeError.class);
    }

    private static void closeAndWait(Worker worker) throws Exception {
        worker.close();
        worker.whenSubprocessClosed().get(5, TimeUnit.SECONDS);
    }

    /** A self-signed certificate and key, as the jest suite's data/dtls-cert.pem and dtls-key.pem. */
    private static Path[] dtlsCertificate() throws Exception {
        Path cert = certificates.resolve("dtls-cert.pem");
        Path key = certificates.resolve("dtls-key.pem");
        if (!Files.exists(cert)) {
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=mscluster-test", "-keyout", key.toString(), "-out", cert.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(openssl.waitFor()).isZero();
        }
        return new Path[] {cert, key};
    }

    private static Worker start(WorkerMode mode) throws Exception {
        return TestWorkers.start(mode);
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
                TestWorkers.settings(mode).rtcMinPort(50000).rtcMaxPort(40000).build());
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
            starting.add(Mediasoup.createWorker(TestWorkers.settings(mode).logLevel(WorkerLogLevel.WARN).build()));
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

    @ParameterizedTest
    @EnumSource(value = WorkerMode.class, names = {"PROCESS", "REMOTE"})
    void killedProcessWorkerDiesWithinASecondAndFailsItsPendingRequests(WorkerMode mode) throws Exception {
        // The remote worker runs on a media host on this machine, so its pid is a local one too.
        Worker worker = start(mode);
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

    @Test
    void aRemoteWorkerWhoseMediaHostGoesAwayDiesWithinTwoSeconds() throws Exception {
        byte[] secret = "a secret of the test, 32 bytes..".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MediaHost host = MediaHost.start(new MediaHostSettings("going-away", "127.0.0.1", 0, null, 1, 46900, secret, null, null,
                NativeBinaries.locate(), Mediasoup.version(), null));
        Worker worker;
        try {
            worker = Mediasoup.createWorker(WorkerSettings.builder().logLevel(WorkerLogLevel.WARN)
                    .remote(new MediaHostEndpoint("127.0.0.1", host.port(), false, null, secret, "worker-it")).build())
                    .get(20, TimeUnit.SECONDS);
            assertThat(worker.mode()).isEqualTo(WorkerMode.REMOTE);
            assertThat(worker.remote()).hasValueSatisfying(info -> {
                assertThat(info.hostId()).isEqualTo("going-away");
                assertThat(info.rtcPort()).isEqualTo(46900);
                assertThat(info.pid()).isEqualTo(worker.pid());
            });
        } catch (Exception | AssertionError e) {
            host.close();
            throw e;
        }
        AtomicReference<MediasoupException> died = new AtomicReference<>();
        worker.on(Worker.DIED, died::set);
        host.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> died.get() != null);
        assertThat(died.get()).hasMessageContaining("media host");
        assertThat(worker.whenSubprocessClosed().get(1, TimeUnit.SECONDS).code()).isNotZero();
        assertThatThrownBy(() -> worker.dump().join()).hasCauseInstanceOf(InvalidStateError.class);
    }

    @Test
    void aRemoteWorkerOfAnUnreachableMediaHostFailsToStartWithTheReason() {
        CompletableFuture<Worker> creation = Mediasoup.createWorker(WorkerSettings.builder()
                .remote(new MediaHostEndpoint("127.0.0.1", 1, false, null, new byte[32], "worker-it")).build());
        assertThatThrownBy(() -> creation.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(MediasoupException.class)
                .hasMessageContaining("cannot reach media host 127.0.0.1:1");
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
