package org.mscluster.cli.mediabench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.signaling.egress.EgressManager;
import org.mscluster.signaling.egress.EgressRequest;
import org.mscluster.signaling.egress.EgressSession;
import org.mscluster.signaling.egress.EgressStatus;
import org.mscluster.signaling.egress.FfmpegProcess;
import org.mscluster.signaling.room.Room;

/**
 * What an egress costs and how many composites a node keeps up with. The clip plays into {@code videos}
 * producer pairs of a room's router (one {@link ClipPlayer} each, as {@code bench media} plays it), and
 * the node's own {@link EgressManager} records them, through the same PlainTransports and ffmpeg as any
 * egress:
 * <ol>
 *   <li>a window with no egress: the worker's CPU for the producers alone (subtracted below);
 *   <li>a passthrough recording of one pair (VP8/opus copied into Matroska): ffmpeg's CPU and the worker's;
 *   <li>composites of every pair (grid, H264/AAC into MP4), added one at a time: after each, a window
 *       measures every ffmpeg's speed (output seconds per wall second, from its progress lines) and the
 *       datagrams the kernel dropped on its sockets (an ffmpeg that falls behind stops reading them). The last
 *       count where every ffmpeg ran at {@code minSpeed} or more and the drops stayed under {@code maxDrops}
 *       of what went into the ffmpegs is the capacity. A failed window is measured again once (one stalled
 *       window on a shared machine is not the node's limit).
 * </ol>
 * CPU is in cores (1.0 = one core busy), from {@code /proc}.
 */
public final class EgressBenchmark {

    /** The benchmark's knobs. */
    public record Settings(int videos, int maxComposites, long settleMillis, long windowMillis, double minSpeed, double maxDrops) {

        public Settings {
            if (videos < 2 || videos > 9 || maxComposites < 1 || settleMillis < 0 || windowMillis < 6000 || minSpeed <= 0
                    || maxDrops < 0) {
                throw new IllegalArgumentException("videos must be 2 to 9, max composites at least 1, the window at least 6 s"
                        + " (ffmpeg reports its progress every 5 s), the speed positive and the drop limit not negative");
            }
        }
    }

    private static final long START_TIMEOUT_SECONDS = 30;

    private final RtpClip clip;
    private final Settings settings;

    public EgressBenchmark(RtpClip clip, Settings settings) {
        this.clip = clip;
        this.settings = settings;
    }

    public Map<String, Object> run(Room room, EgressManager egress) throws Exception {
        Worker worker = room.mediaWorker().worker();
        List<ClipProducers> sources = new ArrayList<>();
        List<ClipPlayer> players = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            for (int i = 0; i < settings.videos(); i++) {
                ClipProducers source = ClipProducers.create(room.router());
                sources.add(source);
                players.add(new ClipPlayer(clip, source.port()));
            }
            Thread.sleep(settings.settleMillis());
            Window idle = window(worker, List.of(), players);
            double baseline = idle.workerCpu;
            out.put("workerCpuWithoutEgress", round3(baseline));

            List<String> one = List.of(sources.get(0).video().id(), sources.get(0).audio().id());
            EgressSession passthrough = start(egress, room, new EgressRequest(EgressRequest.RECORD, null, "mkv", "file", one,
                    null, "grid"));
            Window alone = window(worker, List.of(passthrough), players.subList(0, 1));
            stop(List.of(passthrough));
            out.put("passthrough", perEgress(alone, baseline, 1, "mkv (VP8 and opus copied)"));

            List<String> all = new ArrayList<>();
            sources.forEach(s -> all.addAll(List.of(s.video().id(), s.audio().id())));
            EgressRequest composite = new EgressRequest(EgressRequest.RECORD, null, "mp4", "file", all, null, "grid");
            List<EgressSession> running = new ArrayList<>();
            List<Map<String, Object>> steps = new ArrayList<>();
            int sustained = 0;
            String stoppedBy = "max";
            try {
                while (running.size() < settings.maxComposites()) {
                    running.add(start(egress, room, composite));
                    Window measured = window(worker, running, players);
                    if (!measured.passes(settings)) {
                        Window again = window(worker, running, players);
                        again.retried = true;
                        measured = again.passes(settings) ? again : measured;
                    }
                    Map<String, Object> step = perEgress(measured, baseline, running.size(),
                            "mp4 (" + settings.videos() + " videos in a grid, H264 and AAC)");
                    steps.add(step);
                    if (running.size() == 1) {
                        out.put("composite", step);
                    }
                    if (!measured.passes(settings)) {
                        stoppedBy = measured.why(settings);
                        break;
                    }
                    sustained = running.size();
                }
            } finally {
                stop(running);
            }
            out.put("compositesInRealTime", sustained);
            out.put("stoppedBy", stoppedBy);
            out.put("steps", steps);
        } finally {
            for (ClipPlayer player : players) {
                player.close();
            }
            sources.forEach(s -> s.transport().close());
        }
        return out;
    }

    private static EgressSession start(EgressManager egress, Room room, EgressRequest request) throws Exception {
        EgressSession session = egress.start(room.key(), request).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        // Active, and a first progress line: ffmpeg reads, encodes and writes.
        while (session.status() != EgressStatus.ACTIVE || session.ffmpeg().map(FfmpegProcess::progress).isEmpty()) {
            if (session.status().finished() || System.nanoTime() > deadline) {
                session.stop("bench: did not start");
                throw new IOException("egress " + session.id() + " did not start within " + START_TIMEOUT_SECONDS + " s: "
                        + session.json().get("status") + " " + session.json().get("error"));
            }
            Thread.sleep(100);
        }
        return session;
    }

    private static void stop(List<EgressSession> sessions) throws InterruptedException {
        sessions.forEach(s -> s.stop("bench over"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sessions.stream().anyMatch(s -> !s.status().finished()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** One measured window with {@code sessions} running and {@code feeding} players sending into each. */
    private Window window(Worker worker, List<EgressSession> sessions, List<ClipPlayer> feeding) throws Exception {
        Thread.sleep(settings.settleMillis());
        List<FfmpegProcess> ffmpegs = new ArrayList<>();
        for (EgressSession session : sessions) {
            Optional<FfmpegProcess> ffmpeg = session.ffmpeg();
            if (ffmpeg.isEmpty()) {
                throw new IOException("egress " + session.id() + " has no ffmpeg running: " + session.json().get("note"));
            }
            ffmpegs.add(ffmpeg.get());
        }
        List<FfmpegProcess.Progress> progressBefore = ffmpegs.stream().map(FfmpegProcess::progress).toList();
        // A restart before the window (an ffmpeg whose input port was taken as it started) is not the load's doing.
        List<Integer> restartsBefore = sessions.stream().map(EgressSession::restarts).toList();
        long[] cpuBefore = new long[ffmpegs.size()];
        long dropsBefore = 0;
        for (int i = 0; i < ffmpegs.size(); i++) {
            cpuBefore[i] = ProcessCpu.nanos(ffmpegs.get(i).pid());
            dropsBefore += SocketDrops.ofProcess(ffmpegs.get(i).pid());
        }
        long workerBefore = ProcessCpu.ofWorker(worker);
        long machineBefore = ProcessCpu.machineBusyNanos();
        long sentBefore = sent(feeding);
        long start = System.nanoTime();
        Thread.sleep(settings.windowMillis());
        long elapsed = System.nanoTime() - start;
        Window window = new Window();
        window.workerCpu = (double) (ProcessCpu.ofWorker(worker) - workerBefore) / elapsed;
        window.machineCpu = (double) (ProcessCpu.machineBusyNanos() - machineBefore) / elapsed;
        window.packetsIn = (sent(feeding) - sentBefore) * sessions.size();
        window.speed = Double.MAX_VALUE;
        for (int i = 0; i < ffmpegs.size(); i++) {
            FfmpegProcess ffmpeg = ffmpegs.get(i);
            window.ffmpegCpu += (double) (ProcessCpu.nanos(ffmpeg.pid()) - cpuBefore[i]) / elapsed;
            window.drops += SocketDrops.ofProcess(ffmpeg.pid());
            FfmpegProcess.Progress from = progressBefore.get(i);
            FfmpegProcess.Progress to = ffmpeg.progress();
            // Progress every 5 s: a window of 6 s or more holds a new line; none means ffmpeg is stuck.
            double speed = to == null || from == null || to.readAtNanos() == from.readAtNanos() ? 0
                    : (to.seconds() - from.seconds()) / ((to.readAtNanos() - from.readAtNanos()) / 1e9);
            window.speed = Math.min(window.speed, speed);
            if (!ffmpeg.alive() || sessions.get(i).restarts() > restartsBefore.get(i)) {
                window.failed = sessions.get(i).id() + ": " + sessions.get(i).json().get("note");
            }
        }
        window.drops -= dropsBefore;
        if (ffmpegs.isEmpty()) {
            window.speed = 1;
        }
        return window;
    }

    private static long sent(List<ClipPlayer> players) {
        return players.stream().mapToLong(p -> p.sent(true) + p.sent(false)).sum();
    }

    private static Map<String, Object> perEgress(Window window, double baseline, int egresses, String what) {
        Map<String, Object> out = new LinkedHashMap<>();
        double worker = Math.max(0, window.workerCpu - baseline) / egresses;
        double ffmpeg = window.ffmpegCpu / egresses;
        out.put("egresses", egresses);
        out.put("output", what);
        out.put("cpuPerEgress", round3(ffmpeg + worker));
        out.put("ffmpegCpuPerEgress", round3(ffmpeg));
        out.put("workerCpuPerEgress", round3(worker));
        out.put("cpuTotal", round3(window.ffmpegCpu + window.workerCpu));
        // Every process of the machine: well above cpuTotal, other processes took cores from the egresses.
        out.put("machineCpuBusy", round3(window.machineCpu));
        out.put("slowestSpeed", round3(window.speed));
        out.put("ffmpegSocketDrops", window.drops);
        out.put("packetsIntoFfmpeg", window.packetsIn);
        if (window.failed != null) {
            out.put("failed", window.failed);
        }
        if (window.retried) {
            out.put("retried", true);
        }
        return out;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static final class Window {
        double workerCpu;
        double ffmpegCpu;
        double machineCpu;
        double speed;
        long drops;
        long packetsIn;
        String failed;
        boolean retried;

        boolean passes(Settings settings) {
            return why(settings) == null;
        }

        String why(Settings settings) {
            if (failed != null) {
                return "ffmpeg failed";
            }
            if (speed < settings.minSpeed()) {
                return "speed";
            }
            if (packetsIn > 0 && (double) drops / packetsIn > settings.maxDrops()) {
                return "udp-drops";
            }
            return null;
        }
    }
}
