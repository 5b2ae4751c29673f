package org.mscluster.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending the processes a test started (servers, nodes, clients), so none outlives its test. */
public final class TestProcesses {

    private TestProcesses() {
    }

    /** SIGTERM, then SIGKILL if it is still running after {@code grace} or the wait is interrupted. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL, then up to {@code wait} for it to be gone. */
    public static void kill(Process process, Duration wait) {
        process.destroyForcibly();
        try {
            process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
