package org.mscluster.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process tree from {@code /proc} (Linux): each live process's own time plus what its
 * reaped children used, so processes that ended between two readings (a closed page's renderer) still
 * count. Benchmarks read it before and after a stretch of work; elsewhere it reads 0.
 */
final class ProcessCpu {

    /** USER_HZ: the unit of /proc's times on every Linux architecture that matters here. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Seconds of CPU used so far by {@code root} and its descendants (0 when gone or not on Linux). */
    static double seconds(ProcessHandle root) {
        try (Stream<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants())) {
            return tree.mapToLong(handle -> ticks(handle.pid())).sum() / TICKS_PER_SECOND;
        }
    }

    /** Seconds of CPU used so far by {@code process} alone and its reaped children. */
    static double ownSeconds(ProcessHandle process) {
        return ticks(process.pid()) / TICKS_PER_SECOND;
    }

    static long ticks(long pid) {
        try {
            return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** utime + stime + cutime + cstime: fields 14-17 of proc(5), counted after the command's closing parenthesis. */
    static long parseTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state): field n is fields[n - 3].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
}
