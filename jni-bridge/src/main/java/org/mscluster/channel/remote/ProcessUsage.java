package org.mscluster.channel.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a local process, from {@code /proc}; -1 where unreadable. */
final class ProcessUsage {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long PAGE_SIZE = 4096;

    private ProcessUsage() {
    }

    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After the command name (which may hold spaces, hence the last ')'): utime is the 12th field, stime the 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return (long) (ticks / TICKS_PER_SECOND * 1e9);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long residentBytes(long pid) {
        try {
            String[] fields = Files.readString(Path.of("/proc", Long.toString(pid), "statm")).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
