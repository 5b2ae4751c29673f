package org.mscluster.cli.soak;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A process's figures as Linux and the JVM see them: resident memory and threads from
 * {@code /proc/PID/status}, open file descriptors by kind from {@code /proc/PID/fd}, and for this
 * JVM its heap (used after a few full GCs, and committed), non-heap pools and buffer pools.
 */
public final class ProcessFigures {

    private ProcessFigures() {
    }

    /** This JVM, after {@code gcs} calls of {@link System#gc()} (0: as it is now). */
    public static Map<String, Object> ofThisJvm(int gcs) throws InterruptedException {
        for (int i = 0; i < gcs; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(ofProcess(ProcessHandle.current().pid()));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.put(gcs > 0 ? "heapUsedAfterGcKb" : "heapUsedKb", heap.getUsed() / 1024);
        out.put("heapCommittedKb", heap.getCommitted() / 1024);
        // What the heap's size does not explain: native memory (with an in-process worker, the worker's),
        // code cache, metaspace, thread stacks, malloc arenas. G1 resizes the heap after full GCs, which
        // moves the RSS by tens of MB either way; this figure does not move with it.
        if (out.get("rssKb") instanceof Long rss) {
            out.put("rssOutsideHeapKb", rss - heap.getCommitted() / 1024);
        }
        Map<String, Long> nonHeap = new LinkedHashMap<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.NON_HEAP) {
                nonHeap.put(pool.getName(), pool.getUsage().getUsed() / 1024);
            }
        }
        out.put("nonHeapUsedKb", nonHeap);
        Map<String, Long> buffers = new LinkedHashMap<>();
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            buffers.put(pool.getName(), pool.getMemoryUsed() / 1024);
        }
        out.put("bufferPoolsKb", buffers);
        out.put("javaThreads", ManagementFactory.getThreadMXBean().getThreadCount());
        if (gcs > 0) {
            out.put("javaThreadsByName", threadsByName());
        }
        return out;
    }

    /** Live Java threads by name with the numbers blanked ({@code soak-peer-N}, {@code nioEventLoopGroup-N-N}…). */
    private static Map<String, Integer> threadsByName() {
        Map<String, Integer> out = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            out.merge(thread.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
        }
        return out;
    }

    /** RSS, OS threads and open file descriptors of any process of this user. */
    public static Map<String, Object> ofProcess(long pid) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, String> status = status(pid);
        out.put("pid", pid);
        out.put("rssKb", kilobytes(status.get("VmRSS")));
        out.put("rssPeakKb", kilobytes(status.get("VmHWM")));
        out.put("osThreads", status.containsKey("Threads") ? Long.parseLong(status.get("Threads").trim()) : null);
        Map<String, Integer> fds = fileDescriptors(pid);
        out.put("fds", fds.values().stream().mapToInt(Integer::intValue).sum());
        out.put("fdsByKind", fds);
        return out;
    }

    private static Map<String, String> status(long pid) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux, or the process is gone: the figures stay empty
        }
        return out;
    }

    private static Long kilobytes(String value) {
        return value == null ? null : Long.parseLong(value.replace("kB", "").trim());
    }

    /** Open descriptors by what they point at: socket, pipe, anon_inode:[eventfd], a file's directory… */
    private static Map<String, Integer> fileDescriptors(long pid) {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : entries.toList()) {
                String kind;
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    kind = target.startsWith("socket:") ? "socket" : target.startsWith("pipe:") ? "pipe"
                            : target.startsWith("anon_inode:") ? target
                            : target.startsWith("/") ? "file " + parent(target) : target;
                } catch (IOException e) {
                    continue; // closed while listed (the listing's own descriptor, for one)
                }
                out.merge(kind, 1, Integer::sum);
            }
        } catch (IOException e) {
            // not Linux
        }
        return out;
    }

    private static String parent(String file) {
        Path parent = Path.of(file).getParent();
        return parent == null ? "/" : parent.toString();
    }

    /** Used by the per-minute line: a few numbers only. */
    public static Map<String, Object> brief(Map<String, Object> figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("rssKb", "rssOutsideHeapKb", "heapUsedKb", "heapUsedAfterGcKb", "javaThreads", "osThreads", "fds")) {
            if (figures.containsKey(key)) {
                out.put(key, figures.get(key));
            }
        }
        return out;
    }
}
