package org.mscluster.mediasoup.worker;

import java.util.Locale;

/** How a worker is hosted. */
public enum WorkerMode {
    /** A thread of this JVM runs {@code mediasoup_worker_run}: fastest, but a worker crash is the JVM's crash. */
    IN_PROCESS,
    /** A {@code mediasoup-worker} child process: isolates crashes at the cost of pipe I/O. */
    PROCESS,
    /**
     * A worker process on a media host ({@code mscluster media start}), its channel over one TCP link
     * ({@link WorkerSettings#remote()} says where): media apart from signaling. A lost link is the
     * worker's death.
     */
    REMOTE;

    /** The name used on the command line and in configuration ({@code in-process}, {@code process}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static WorkerMode fromCliName(String name) {
        for (WorkerMode mode : values()) {
            if (mode.cliName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown worker mode '" + name + "' (expected in-process, process or remote)");
    }
}
