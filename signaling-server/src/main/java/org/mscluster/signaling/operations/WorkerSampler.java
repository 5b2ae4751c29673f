package org.mscluster.signaling.operations;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.mscluster.mediasoup.worker.RemoteWorker;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.signaling.media.MediaWorker;

/**
 * CPU and memory of each worker. A remote worker's come from its media host over the link. A
 * worker in its own process is read from {@code /proc/PID/stat}
 * and {@code statm}. An in-process worker runs on one JVM thread (blocked in
 * {@code mediasoup_worker_run}, {@link Worker#thread()}), whose CPU time the JVM measures. Not thread-safe.
 */
final class WorkerSampler {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long PAGE_SIZE = 4096;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Worker, Cpu> last = new HashMap<>();
    private final Map<Worker, Thread> workerThreads = new HashMap<>();

    private record Cpu(long cpuNanos, long wallNanos) {
    }

    /** {cpu share, resident bytes or -1}. */
    double[] sample(MediaWorker media) {
        Worker worker = media.worker();
        if (worker.closed()) {
            last.remove(worker);
            workerThreads.remove(worker);
            return new double[] {0, -1};
        }
        // A remote worker's pid is one on its media host, which reports the worker's CPU and memory itself.
        RemoteWorker remote = worker.remote().orElse(null);
        boolean ownProcess = remote != null || worker.pid() > 0 && worker.pid() != ProcessHandle.current().pid();
        long cpuNanos = remote != null ? remote.cpuNanos() : ownProcess ? processCpuNanos(worker.pid()) : threadCpuNanos(worker);
        long now = System.nanoTime();
        double share = 0;
        Cpu previous = last.put(worker, new Cpu(cpuNanos, now));
        if (previous != null && cpuNanos >= 0 && previous.cpuNanos() >= 0 && now > previous.wallNanos()) {
            share = Math.max(0, Math.min(1, (double) (cpuNanos - previous.cpuNanos()) / (now - previous.wallNanos())));
        }
        long resident = remote != null ? remote.residentBytes() : ownProcess ? residentBytes(worker.pid()) : -1;
        return new double[] {share, resident};
    }

    /** Forgets workers no longer in the fleet. */
    void retain(java.util.Collection<Worker> current) {
        last.keySet().retainAll(current);
        workerThreads.keySet().retainAll(current);
    }

    private static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may contain spaces, hence the last ')'): utime is 14th, stime 15th.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return (long) (ticks / TICKS_PER_SECOND * 1e9);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long residentBytes(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc", Long.toString(pid), "statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE_SIZE;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private long threadCpuNanos(Worker worker) {
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        Thread thread = workerThreads.computeIfAbsent(worker, w -> w.thread().orElse(null));
        if (thread == null || !thread.isAlive()) {
            workerThreads.remove(worker);
            return -1;
        }
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the release is 17
        long id = thread.getId();
        return threads.getThreadCpuTime(id);
    }
}
