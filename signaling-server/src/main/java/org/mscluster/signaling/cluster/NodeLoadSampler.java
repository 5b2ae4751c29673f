package org.mscluster.signaling.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.signaling.media.MediaWorker;
import org.mscluster.signaling.media.WorkerFleet;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.room.RoomRegistry;

/**
 * The node's load report: the host's figures, and per worker its rooms and peers (from the room
 * registry), producers and consumers (from the mediasoup observers) and CPU. A worker's CPU is known
 * only when it runs as its own process ({@code /proc/PID/stat}); in-process workers share the JVM's
 * process and report 0 rather than the whole JVM's usage, which would make every worker look busy.
 * Called once a second from the agent's thread; not thread-safe.
 */
final class NodeLoadSampler implements Supplier<NodeLoad> {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final MachineLoadSource machine;
    private final WorkerFleet fleet;
    private final RoomRegistry rooms;
    private final WorkerMediaCounts media;
    private final Clock clock;
    private final long[] lastTicks;
    private final long[] lastNanos;

    NodeLoadSampler(MachineLoadSource machine, WorkerFleet fleet, RoomRegistry rooms, WorkerMediaCounts media, Clock clock) {
        this.machine = machine;
        this.fleet = fleet;
        this.rooms = rooms;
        this.media = media;
        this.clock = clock;
        this.lastTicks = new long[fleet.size()];
        this.lastNanos = new long[fleet.size()];
        java.util.Arrays.fill(lastTicks, -1);
    }

    @Override
    public NodeLoad get() {
        MachineLoad host = machine.sample();
        int[] roomCount = new int[fleet.size()];
        int[] peerCount = new int[fleet.size()];
        for (Room room : rooms.rooms()) {
            int index = room.workerIndex();
            if (index >= 0 && index < fleet.size()) {
                roomCount[index]++;
                peerCount[index] += room.peerCount();
            }
        }
        List<WorkerLoad> workers = new ArrayList<>(fleet.size());
        for (MediaWorker worker : fleet.all()) {
            int i = worker.index();
            workers.add(new WorkerLoad(i, roomCount[i], peerCount[i], media.producers(i), media.consumers(i), workerCpu(worker)));
        }
        return new NodeLoad(host.cpu(), host.memory(), host.networkInBytesPerSecond(), host.networkOutBytesPerSecond(),
                host.disk(), workers, clock.instant());
    }

    private double workerCpu(MediaWorker worker) {
        int i = worker.index();
        long pid = worker.worker().pid();
        if (pid <= 0 || pid == ProcessHandle.current().pid() || worker.worker().closed()) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may contain spaces, hence the last ')'): utime is 14th, stime 15th.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long now = System.nanoTime();
            double share = 0;
            if (lastTicks[i] >= 0 && now > lastNanos[i]) {
                share = (ticks - lastTicks[i]) / TICKS_PER_SECOND / ((now - lastNanos[i]) / 1e9);
            }
            lastTicks[i] = ticks;
            lastNanos[i] = now;
            return share;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
