package org.mscluster.signaling.cluster;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Host figures from Linux's {@code /proc}: CPU from {@code /proc/stat} (busy jiffies over all
 * jiffies between two samples), memory from {@code MemAvailable} of {@code /proc/meminfo}, network
 * from the byte counters of {@code /proc/net/dev} (loopback excluded: it is not what a link carries),
 * disk from the working directory's file store. Where {@code /proc} is missing the JVM's operating
 * system bean stands in for CPU and memory, and the network reads as idle. Not thread-safe: one
 * sampler per node, called from the agent's thread.
 */
final class ProcMachineLoad implements MachineLoadSource {

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path NET_DEV = Path.of("/proc/net/dev");

    private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private long lastBusy = -1;
    private long lastTotal = -1;
    private long lastRx = -1;
    private long lastTx = -1;
    private long lastNetNanos;

    @Override
    public MachineLoad sample() {
        return new MachineLoad(cpu(), memory(), 0, 0, disk()).withNetwork(network());
    }

    private double cpu() {
        try {
            String line = Files.readAllLines(STAT).get(0); // "cpu  user nice system idle iowait irq softirq steal …"
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            long busy = total - idle;
            double share = lastTotal < 0 || total == lastTotal ? 0 : (double) (busy - lastBusy) / (total - lastTotal);
            lastBusy = busy;
            lastTotal = total;
            return share;
        } catch (IOException | RuntimeException e) {
            double load = os.getCpuLoad();
            return load < 0 ? 0 : load;
        }
    }

    private double memory() {
        try {
            long total = -1;
            long available = -1;
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemTotal:")) {
                    total = kilobytes(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kilobytes(line);
                }
            }
            if (total > 0 && available >= 0) {
                return 1.0 - (double) available / total;
            }
        } catch (IOException | RuntimeException e) {
            // below
        }
        long total = os.getTotalMemorySize();
        return total <= 0 ? 0 : 1.0 - (double) os.getFreeMemorySize() / total;
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** Bytes per second in and out since the previous sample; zero on the first. */
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
            long[] rates = {0, 0};
            if (lastRx >= 0 && now > lastNetNanos) {
                double seconds = (now - lastNetNanos) / 1e9;
                rates[0] = (long) (Math.max(0, rx - lastRx) / seconds);
                rates[1] = (long) (Math.max(0, tx - lastTx) / seconds);
            }
            lastRx = rx;
            lastTx = tx;
            lastNetNanos = now;
            return rates;
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static double disk() {
        try {
            FileStore store = Files.getFileStore(Path.of("").toAbsolutePath());
            long total = store.getTotalSpace();
            return total <= 0 ? 0 : 1.0 - (double) store.getUsableSpace() / total;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
