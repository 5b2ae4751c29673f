package org.mscluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mscluster.cli.mediabench.EgressBenchmark;
import org.mscluster.cli.mediabench.RtpClip;
import org.mscluster.client.protoo.ProtooPeer;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.cluster.ClusterSettings;
import org.mscluster.signaling.egress.EgressSettings;
import org.mscluster.signaling.hosting.SignalingUrls;
import org.mscluster.signaling.room.Room;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mscluster bench egress}: CPU per egress (ffmpeg's and the worker's) for a passthrough recording
 * and for a composite, and how many composites this machine keeps in real time (see {@link EgressBenchmark}),
 * on a node started in this process with one worker and a room held open by one protoo peer.
 */
@Command(name = "egress", mixinStandardHelpOptions = true,
        description = "CPU per egress (ffmpeg + worker) for a passthrough recording and a composite, and composites added"
                + " one at a time until an ffmpeg falls behind real time; prints one JSON object.")
final class EgressBenchCommand implements Callable<Integer> {

    private static final String ROOM = "bench-egress";

    @Option(names = "--mode", defaultValue = "process", converter = ModeConverter.class,
            description = "the worker: process (default; its CPU read from /proc) or in-process")
    WorkerMode mode;

    @Option(names = "--videos", defaultValue = "4", description = "videos in each composite, 2 to 9 (default ${DEFAULT-VALUE})")
    int videos;

    @Option(names = "--max-composites", defaultValue = "12", description = "composites at most (default ${DEFAULT-VALUE})")
    int maxComposites;

    @Option(names = "--window-seconds", defaultValue = "15", description = "measured seconds per step, 6 at least (default ${DEFAULT-VALUE})")
    double windowSeconds;

    @Option(names = "--settle-seconds", defaultValue = "3", description = "seconds between starting an egress and measuring (default ${DEFAULT-VALUE})")
    double settleSeconds;

    @Option(names = "--min-speed", defaultValue = "0.95", description = "ffmpeg speed (output s per wall s) under which a step fails (default ${DEFAULT-VALUE})")
    double minSpeed;

    @Option(names = "--max-drop-percent", defaultValue = "1", description = "datagrams dropped on ffmpeg's sockets (full buffers), in % of the packets into ffmpeg, over which a step fails (default ${DEFAULT-VALUE})")
    double maxDropPercent;

    @Option(names = "--video-kbps", defaultValue = "800", description = "the clip's VP8 bitrate (default ${DEFAULT-VALUE})")
    int videoKbps;

    @Option(names = "--clip-seconds", defaultValue = "6", description = "seconds of the clip played in a loop (default ${DEFAULT-VALUE})")
    int clipSeconds;

    @Override
    public Integer call() throws Exception {
        if (mode == WorkerMode.REMOTE) {
            throw new IllegalArgumentException("--mode must be process or in-process");
        }
        if (clipSeconds < 2) {
            throw new IllegalArgumentException("--clip-seconds must be at least 2");
        }
        EgressBenchmark.Settings settings = new EgressBenchmark.Settings(videos, maxComposites, Math.round(settleSeconds * 1000),
                Math.round(windowSeconds * 1000), minSpeed, maxDropPercent / 100);
        System.err.println("[bench egress] encoding the clip (" + clipSeconds + " s, 640x360 VP8 + opus)");
        RtpClip clip = RtpClip.record(clipSeconds, 640, 360, videoKbps);
        EgressBenchmark benchmark = new EgressBenchmark(clip, settings);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "egress");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("loadAverageAtStart", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
        out.put("worker", mode.cliName());
        out.put("clip", Map.of("videoKbps", clip.videoBitsPerSecond() / 1000, "size", "640x360", "fps", 30));
        Path dir = Files.createTempDirectory("mscluster-bench-egress");
        NodeConfig config = NodeConfig.builder().nodeId("bench-egress-node").listenIp("127.0.0.1").port(0).workers(1)
                .rtcPort(BenchPorts.freeRtcPort()).workerMode(mode).egress(EgressSettings.defaults().withDir(dir)).build();
        try (NodeServer node = new NodeServer(config, ClusterSettings.standalone()).start();
                ProtooPeer holder = holdRoom(node)) {
            Room room = awaitRoom(node);
            System.err.println("[bench egress] node " + node.url() + ", worker " + mode.cliName() + "; recording to " + dir);
            out.putAll(benchmark.run(room, node.egress()));
        } finally {
            deleteTree(dir);
        }
        System.out.println(Json.write(out));
        return 0;
    }

    /** One protoo peer in the room keeps it open while the benchmark's producers and egresses come and go. */
    private static ProtooPeer holdRoom(NodeServer node) throws Exception {
        String url = SignalingUrls.forClient("ws://127.0.0.1:" + node.port() + "/", ROOM, "bench-holder", RoomKey.DEFAULT_NAMESPACE,
                null);
        return ProtooPeer.connect(url, new ProtooPeer.Listener() {
            @Override
            public void onNotification(String method, JsonNode data) {
            }

            @Override
            public CompletableFuture<JsonNode> onRequest(String method, JsonNode data) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void onClose(int code, String reason) {
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static Room awaitRoom(NodeServer node) throws Exception {
        RoomKey key = RoomKey.of(RoomKey.DEFAULT_NAMESPACE, ROOM);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var room = node.rooms().find(key).filter(r -> !r.closed());
            if (room.isPresent()) {
                return room.get();
            }
            Thread.sleep(50);
        }
        throw new IOException("the benchmark's room did not open within 10 s");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
