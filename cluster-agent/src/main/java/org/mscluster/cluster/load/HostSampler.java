package org.mscluster.cluster.load;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.mscluster.cluster.model.HostLoad;

/**
 * Reads the host's figures from Linux's {@code /proc}: CPU from {@code /proc/stat} (busy over all
 * jiffies between two samples), memory from {@code MemTotal}/{@code MemAvailable}, network from the
 * byte counters of {@code /proc/net/dev} without loopback (what a link carries), disk from the working
 * directory's file store. Without {@code /proc}, the JVM's operating system bean stands in for CPU and
 * memory and the network reads as idle. The CPU figure is smoothed ({@link Ewma}, 5 s time constant):
 * placement limits read it, and on a small host an instant's burst must not refuse rooms. Not
 * thread-safe: one sampler, one thread.
 */
public final class HostSampler implements HostLoadSource {

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path NET_DEV = Path.of("/proc/net/dev");

    private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private final Path diskPath;
    private long lastBusy = -1;
    private long lastTotal = -1;
    private long lastRx = -1;
    private long lastTx = -1;
    private long lastNetNanos;

    /** How long a CPU burst takes to count for about two thirds of its height. */
    public static final Duration CPU_TIME_CONSTANT = Duration.ofSeconds(5);

    private final Ewma smoothedCpu;

    /** @param diskPath a path on the volume whose usage counts (recordings); the working directory when null */
    public HostSampler(Path diskPath) {
        this(diskPath, System::nanoTime);
    }

    HostSampler(Path diskPath, LongSupplier nanoTime) {
        this.diskPath = (diskPath == null ? Path.of("") : diskPath).toAbsolutePath();
        this.smoothedCpu = new Ewma(CPU_TIME_CONSTANT, nanoTime);
    }

    @Override
    public HostLoad sample() {
        double cpu = smoothedCpu.update(cpu());
        long[] memory = memory();
        long[] net = network();
        long[] disk = disk();
        return new HostLoad(cpu, memory[1] <= 0 ? 0 : (double) memory[0] / memory[1], memory[0], memory[1], net[0], net[1],
                net[2], net[3], disk[1] <= 0 ? 0 : (double) disk[0] / disk[1], disk[0], disk[1]);
    }

    private double cpu() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long busy = total - Long.parseLong(f[4]) - (f.length > 5 ? Long.parseLong(f[5]) : 0);
            double share = lastTotal < 0 || total <= lastTotal ? 0 : (double) (busy - lastBusy) / (total - lastTotal);
            lastBusy = busy;
            lastTotal = total;
            return clamp(share);
        } catch (IOException | RuntimeException e) {
            return clamp(os.getCpuLoad());
        }
    }

    /** {used, total} bytes. */
    private long[] memory() {
        try {
            long total = -1;
            long available = -1;
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemTotal:")) {
                    total = kilobytes(line) * 1024;
                } else if (line.startsWith("MemAvailable:")) {
                    available = kilobytes(line) * 1024;
                }
            }
            if (total > 0 && available >= 0) {
                return new long[] {total - available, total};
            }
        } catch (IOException | RuntimeException e) {
            // the JVM's view below
        }
        long total = os.getTotalMemorySize();
        return new long[] {Math.max(0, total - os.getFreeMemorySize()), total};
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** {in/s, out/s, received total, sent total}. */
    private long[] network() {
        try {
            List<String> lines = Files.readAllLines(NET_DEV);
            long rx = 0;
            long tx = 0;
            for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
                int colon = line.indexOf(':');
                if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                    continue;
                }
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                rx += Long.parseLong(f[0]);
                tx += Long.parseLong(f[8]);
            }
            long now = System.nanoTime();
            long in = 0;
            long out = 0;
            if (lastRx >= 0 && now > lastNetNanos) {
                double seconds = (now - lastNetNanos) / 1e9;
                in = (long) (Math.max(0, rx - lastRx) / seconds);
                out = (long) (Math.max(0, tx - lastTx) / seconds);
            }
            lastRx = rx;
            lastTx = tx;
            lastNetNanos = now;
            return new long[] {in, out, rx, tx};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    /** {used, total} bytes. */
    private long[] disk() {
        try {
            FileStore store = Files.getFileStore(diskPath);
            long total = store.getTotalSpace();
            return new long[] {Math.max(0, total - store.getUsableSpace()), total};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    private static double clamp(double value) {
        return Double.isNaN(value) || value < 0 ? 0 : Math.min(1, value);
    }
}
