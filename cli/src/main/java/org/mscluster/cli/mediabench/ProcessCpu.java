package org.mscluster.cli.mediabench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerMode;

/** A process's CPU time from {@code /proc/<pid>/stat}: user plus system, in clock ticks of 10 ms. */
final class ProcessCpu {

    /** USER_HZ: what /proc counts in, 100 on every Linux architecture this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** A worker's CPU time: its thread's when it runs in this process, else its process's. */
    static long ofWorker(Worker worker) throws IOException {
        if (worker.mode() == WorkerMode.IN_PROCESS) {
            // The worker's event loop runs on this thread of ours: its CPU time is the worker's.
            Thread thread = worker.thread().orElseThrow();
            return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
        }
        return nanos(worker.pid());
    }

    /**
     * CPU time every process of the machine has used so far (all cores, {@code /proc/stat}'s first line
     * without idle and iowait): beside ours, it tells whether other processes took the cores.
     */
    static long machineBusyNanos() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy * NANOS_PER_TICK;
    }

    static long nanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces; the fields after it start past its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 counted from field 3.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }
}
