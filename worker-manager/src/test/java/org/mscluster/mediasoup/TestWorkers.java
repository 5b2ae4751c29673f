package org.mscluster.mediasoup;

import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;

/** Workers as the jest suite's {@code mediasoup.createWorker()} gives them: in-process, warnings only. */
final class TestWorkers {

    private TestWorkers() {
    }

    static Worker start() throws Exception {
        return Mediasoup.createWorker(WorkerSettings.builder().mode(WorkerMode.IN_PROCESS).logLevel(WorkerLogLevel.WARN).build())
                .get(20, TimeUnit.SECONDS);
    }

    /** The jest {@code afterEach}: close, then wait until the worker's thread has returned. */
    static void close(Worker worker) throws Exception {
        if (worker == null) {
            return;
        }
        worker.close();
        worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS);
    }
}
