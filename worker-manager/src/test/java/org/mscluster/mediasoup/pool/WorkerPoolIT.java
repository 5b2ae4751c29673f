package org.mscluster.mediasoup.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.errors.InvalidStateError;
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
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;

/** {@link WorkerPool} with real workers, in-process and as child processes. */
class WorkerPoolIT {

    private static final RouterOptions OPUS = RouterOptions.of(List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2).build()));

    private WorkerPool pool;

    /** Every test ends with the pool closed and every worker it ever started ended. */
    @AfterEach
    void closePool() throws Exception {
        if (pool != null) {
            pool.close();
            pool.whenClosed().get(15, TimeUnit.SECONDS);
        }
    }

    private static WorkerPoolOptions.Builder options(int size, WorkerMode mode) {
        return WorkerPoolOptions.builder().size(size)
                .settings(WorkerSettings.builder().mode(mode).logLevel(WorkerLogLevel.WARN).build())
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static PlainTransportOptions plain() {
        return PlainTransportOptions.builder().listenInfo(ListenInfo.udp("127.0.0.1")).build();
    }

    @Test
    void oneWorkerPerCoreByDefault() {
        assertThat(WorkerPoolOptions.defaults().size()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void eachSlotRunsAWorkerOfItsOwnAndTheCallerChoosesBySlot() throws Exception {
        pool = await(WorkerPool.create(options(3, WorkerMode.IN_PROCESS).build()));
        assertThat(pool.workers()).hasSize(3).doesNotHaveDuplicates();
        for (int slot = 0; slot < 3; slot++) {
            Router router = await(pool.worker(slot).createRouter(OPUS));
            assertThat(workerOf(router)).isSameAs(pool.worker(slot));
        }
    }

    @Test
    void thePortRangeIsSplitAmongTheWorkers() throws Exception {
        int min = 41_000;
        pool = await(WorkerPool.create(options(2, WorkerMode.IN_PROCESS)
                .settings(WorkerSettings.builder().mode(WorkerMode.IN_PROCESS).logLevel(WorkerLogLevel.WARN)
                        .rtcMinPort(min).rtcMaxPort(min + 19).build())
                .build()));
        for (int slot = 0; slot < 2; slot++) {
            Router router = await(pool.worker(slot).createRouter(OPUS));
            for (int i = 0; i < 3; i++) {
                // No port in the listen info: the worker's own range applies.
                int port = await(router.createPlainTransport(plain())).tuple().localPort();
                assertThat(port).as("port of a transport on worker %d", slot).isBetween(min + 10 * slot, min + 10 * slot + 9);
            }
        }
    }

    @Test
    void aKilledWorkerIsReplacedAndTheReplacementServes() throws Exception {
        pool = await(WorkerPool.create(options(2, WorkerMode.PROCESS).build()));
        Worker victim = pool.worker(0);
        Router lost = await(victim.createRouter(OPUS));
        assertThat(workerOf(lost)).isSameAs(victim);
        CompletableFuture<WorkerDied> died = new CompletableFuture<>();
        CompletableFuture<WorkerReplaced> replaced = new CompletableFuture<>();
        pool.on(WorkerPool.WORKER_DIED, died::complete);
        pool.on(WorkerPool.WORKER_REPLACED, replaced::complete);

        Process kill = new ProcessBuilder("kill", "-9", Long.toString(victim.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();

        WorkerDied death = died.get(10, TimeUnit.SECONDS);
        assertThat(death.slot()).isZero();
        assertThat(death.worker()).isSameAs(victim);
        assertThat(death.error().getMessage()).contains("SIGKILL");
        assertThat(death.replacementIn()).isEqualTo(Duration.ofMillis(100));
        assertThat(victim.died()).isTrue();
        assertThat(lost.closed()).as("its routers went with it").isTrue();

        WorkerReplaced replacement = replaced.get(10, TimeUnit.SECONDS);
        assertThat(replacement.slot()).isZero();
        assertThat(replacement.previous()).isSameAs(victim);
        assertThat(replacement.attempts()).isEqualTo(1);
        Worker fresh = replacement.replacement();
        assertThat(fresh.pid()).isNotEqualTo(victim.pid());
        assertThat(fresh.mode()).isEqualTo(WorkerMode.PROCESS);
        assertThat(pool.worker(0)).isSameAs(fresh);
        assertThat(pool.workers()).containsExactly(fresh, pool.worker(1));

        // It serves: the slot's new worker takes routers, and media objects work.
        Router router = await(pool.worker(0).createRouter(OPUS));
        assertThat(workerOf(router)).isSameAs(fresh);
        PlainTransport transport = await(router.createPlainTransport(plain()));
        assertThat(await(fresh.dump()).routerIds()).containsExactly(router.id());
        assertThat(await(router.dump()).transportIds()).containsExactly(transport.id());
    }

    @Test
    void closeLeavesNoWorkers() throws Exception {
        pool = await(WorkerPool.create(options(2, WorkerMode.PROCESS).build()));
        List<Worker> workers = pool.workers();
        assertThat(workerProcesses()).as("worker processes of this JVM")
                .containsAll(workers.stream().map(Worker::pid).toList());
        await(pool.worker(0).createRouter(OPUS));
        await(pool.worker(1).createRouter(OPUS));

        pool.close();
        pool.whenClosed().get(15, TimeUnit.SECONDS);

        assertThat(pool.closed()).isTrue();
        assertThat(pool.workers()).isEmpty();
        assertThat(workers).allMatch(Worker::closed).allMatch(Worker::subprocessClosed).noneMatch(Worker::died);
        assertThat(workerProcesses()).as("worker processes of this JVM").doesNotContainAnyElementsOf(
                workers.stream().map(Worker::pid).toList());
        ExecutionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> workers.get(0).createRouter(OPUS).get(5, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(refused.getCause()).isInstanceOf(InvalidStateError.class);
    }

    @Test
    void closeOfAnInProcessPoolEndsEveryWorkerThread() throws Exception {
        pool = await(WorkerPool.create(options(2, WorkerMode.IN_PROCESS).build()));
        List<Worker> workers = pool.workers();
        await(pool.worker(1).createRouter(OPUS));

        pool.close();
        pool.whenClosed().get(15, TimeUnit.SECONDS);

        assertThat(workers).hasSize(2).allMatch(Worker::closed).allMatch(Worker::subprocessClosed);
    }

    /** Pids of the mediasoup-worker processes descending from this JVM. */
    private static List<Long> workerProcesses() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().orElse("").endsWith("mediasoup-worker"))
                .map(ProcessHandle::pid)
                .toList();
    }

    private Worker workerOf(Router router) {
        for (Worker worker : pool.workers()) {
            if (ownsRouter(worker, router)) {
                return worker;
            }
        }
        return null;
    }

    private static boolean ownsRouter(Worker worker, Router router) {
        try {
            return worker.dump().get(5, TimeUnit.SECONDS).routerIds().contains(router.id());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
