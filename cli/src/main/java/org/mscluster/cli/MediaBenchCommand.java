package org.mscluster.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mscluster.cli.mediabench.ChildFanout;
import org.mscluster.cli.mediabench.Fanout;
import org.mscluster.cli.mediabench.JavaFanout;
import org.mscluster.cli.mediabench.MediaCapacityBenchmark;
import org.mscluster.cli.mediabench.RtpClip;
import org.mscluster.mediasoup.worker.WorkerMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mscluster bench media}: consumers per worker at under 1% loss, and the worker's CPU per
 * consumer, through the Java API and, with {@code --compare-node}, through the official Node layer on
 * the same worker binary in the same run (see {@link MediaCapacityBenchmark}).
 */
@Command(name = "media", mixinStandardHelpOptions = true,
        description = "Media-plane capacity of one worker: a VP8 + opus stream fanned out to PlainTransport consumers added in"
                + " steps until loss passes the limit or the worker's CPU saturates; prints one JSON object.")
final class MediaBenchCommand implements Callable<Integer> {

    @Option(names = "--mode", defaultValue = "in-process", converter = ModeConverter.class,
            description = "the Java side's worker: in-process (default) or process")
    WorkerMode mode;

    @Option(names = "--start", defaultValue = "50", description = "consumers in the first step (default ${DEFAULT-VALUE})")
    int start;

    @Option(names = "--step", defaultValue = "50", description = "consumers added per step (default ${DEFAULT-VALUE})")
    int step;

    @Option(names = "--max", defaultValue = "2000", description = "consumers at most (default ${DEFAULT-VALUE})")
    int max;

    @Option(names = "--window-seconds", defaultValue = "5", description = "measured seconds per step (default ${DEFAULT-VALUE})")
    double windowSeconds;

    @Option(names = "--settle-seconds", defaultValue = "2", description = "seconds between adding consumers and measuring (default ${DEFAULT-VALUE})")
    double settleSeconds;

    @Option(names = "--max-loss-percent", defaultValue = "1", description = "loss that ends the run (default ${DEFAULT-VALUE})")
    double maxLossPercent;

    @Option(names = "--cpu-ceiling", defaultValue = "0.95", description = "worker CPU (cores) that ends the run (default ${DEFAULT-VALUE})")
    double cpuCeiling;

    @Option(names = "--video-kbps", defaultValue = "800", description = "the clip's VP8 bitrate (default ${DEFAULT-VALUE})")
    int videoKbps;

    @Option(names = "--clip-seconds", defaultValue = "6", description = "seconds of the clip played in a loop (default ${DEFAULT-VALUE})")
    int clipSeconds;

    @Option(names = "--receivers", defaultValue = "2", description = "receiving sockets, one thread each (default ${DEFAULT-VALUE})")
    int receivers;

    @Option(names = "--compare-node", description = "also run the same steps through the official Node layer on the same worker binary")
    boolean compareNode;

    @Override
    public Integer call() throws Exception {
        if (mode == WorkerMode.REMOTE) {
            throw new IllegalArgumentException("--mode must be in-process or process");
        }
        MediaCapacityBenchmark.Settings settings = new MediaCapacityBenchmark.Settings(start, step, max,
                Math.round(settleSeconds * 1000), Math.round(windowSeconds * 1000), maxLossPercent / 100, cpuCeiling, receivers);
        if (clipSeconds < 2) {
            throw new IllegalArgumentException("--clip-seconds must be at least 2");
        }
        System.err.println("[bench media] encoding the clip (" + clipSeconds + " s, 640x360 VP8 + opus)");
        RtpClip clip = RtpClip.record(clipSeconds, 640, 360, videoKbps);
        MediaCapacityBenchmark benchmark = new MediaCapacityBenchmark(clip, settings);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "media");
        out.put("clip", Map.of("videoKbps", clip.videoBitsPerSecond() / 1000, "videoPacketsPerSecond", clip.packetsPerSecond(true),
                "audioPacketsPerSecond", clip.packetsPerSecond(false)));
        Map<String, Object> java;
        System.err.println("[bench media] java " + mode.cliName());
        if (mode == WorkerMode.IN_PROCESS) {
            // A JVM of its own, as the Node layer's worker has a process of its own: the receivers' threads
            // and wake-ups must not share the worker's process (see MediaFanoutChild).
            try (Fanout fanout = new ChildFanout(MediaFanoutChild.command(), "java in-process")) {
                java = benchmark.run(fanout);
            }
        } else {
            try (BenchWorkers workers = BenchWorkers.start(mode, null, null); JavaFanout fanout = new JavaFanout(workers.worker())) {
                java = benchmark.run(fanout);
            }
        }
        out.put("java", java);
        if (compareNode) {
            System.err.println("[bench media] node");
            Map<String, Object> node;
            try (ChildFanout fanout = new ChildFanout(NodeBaseline.command("media.mjs", List.of()), "node process")) {
                node = benchmark.run(fanout);
            }
            out.put("node", node);
            out.put("consumersRatio", NodeBaseline.ratio(java.get("consumersUnderLossLimit"), node.get("consumersUnderLossLimit")));
        }
        System.out.println(Json.write(out));
        return 0;
    }
}
