package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;

/** In-process workers that come and go must give back their threads and file descriptors. */
class WorkerLeakIT {

    @Test
    void fiftyInProcessWorkersStartedAndClosedOneAfterAnotherLeaveNothingBehind() throws Exception {
        // The first worker loads the library and starts the process-wide helpers: not a leak.
        startDumpClose();
        Set<Thread> threadsBefore = settledThreads();
        long fdsBefore = openFileDescriptors();

        for (int i = 0; i < 50; i++) {
            startDumpClose();
        }

        Set<Thread> extra = settledThreads().stream().filter(thread -> !threadsBefore.contains(thread)).collect(Collectors.toSet());
        assertThat(extra).as("threads left by 50 workers").isEmpty();
        assertThat(openFileDescriptors()).as("open file descriptors after 50 workers").isLessThanOrEqualTo(fdsBefore);
    }

    private static void startDumpClose() throws Exception {
        Worker worker = Mediasoup.createWorker(WorkerSettings.builder().mode(WorkerMode.IN_PROCESS)
                .logLevel(WorkerLogLevel.WARN).build()).get(20, TimeUnit.SECONDS);
        assertThat(worker.dump().get(5, TimeUnit.SECONDS).pid()).isEqualTo(ProcessHandle.current().pid());
        worker.close();
        assertThat(worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS).clean()).isTrue();
    }

    /** The live threads once no worker thread is left (waiting up to 5 s for them to end). */
    private static Set<Thread> settledThreads() throws InterruptedException {
        Set<Thread> live = liveThreads();
        for (int attempt = 0; attempt < 50 && live.stream().anyMatch(WorkerLeakIT::isWorkerThread); attempt++) {
            Thread.sleep(100);
            live = liveThreads();
        }
        return live;
    }

    private static boolean isWorkerThread(Thread thread) {
        return thread.getName().startsWith("mediasoup-worker-");
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
