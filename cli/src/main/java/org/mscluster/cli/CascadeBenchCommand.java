package org.mscluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.cluster.ClusterSettings;
import org.mscluster.signaling.dispatcher.DispatcherConfig;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rooms across nodes, measured: a private Redis, three nodes on loopback in three regions and a
 * dispatcher, all in this JVM; one Chromium publisher (fake camera and microphone) in the first
 * region and receive-only subscriber pages spread over the two others. Run once with cascade (each
 * subscriber on its region's node, the publisher's streams piped once per leg) and once without (every
 * peer on the room's one node). Prints, per run, each subscriber's time from page load and from its
 * join to the first decoded video frame, and the bitrates: the publisher's upload and every leg's pipe,
 * so that one copy per leg (not per subscriber) shows as a ratio near 1.
 */
@Command(name = "cascade", mixinStandardHelpOptions = true,
        description = "Rooms across nodes: first-frame times and inter-node bitrate with cascade, and without, as JSON.")
final class CascadeBenchCommand implements Callable<Integer> {

    private static final List<String> REGIONS = List.of("bench/a", "bench/b", "bench/c");

    @Option(names = "--subscribers", defaultValue = "4", description = "subscriber pages (default ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--seconds", defaultValue = "10",
            description = "media time before the bitrates are read, after the last subscriber's first frame (default ${DEFAULT-VALUE})")
    int seconds;

    @Override
    public Integer call() throws Exception {
        if (subscribers < 1 || seconds < 3) {
            throw new IllegalArgumentException("--subscribers must be >= 1 and --seconds >= 3");
        }
        Path script = script();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "cascade");
        out.put("subscribers", subscribers);
        try (LocalRedisServer redis = LocalRedisServer.start()) {
            out.put("cascade", run(redis, true, script));
            out.put("single", run(redis, false, script));
        }
        System.out.println(Json.write(out));
        return 0;
    }

    private Map<String, Object> run(LocalRedisServer redis, boolean cascade, Path script) throws Exception {
        PlacementSettings placement = ClusterSettings.unlimited(PlacementSettings.builder().cascade(cascade).build());
        List<AutoCloseable> started = new ArrayList<>();
        try {
            List<NodeServer> nodes = new ArrayList<>();
            for (int i = 0; i < REGIONS.size(); i++) {
                NodeServer node = new NodeServer(NodeConfig.builder().nodeId("node-" + (char) ('a' + i)).listenIp("127.0.0.1")
                        .port(0).workers(1).rtcPort(freePort()).access(AccessGuard.OPEN).build(),
                        ClusterSettings.builder().redisUrl(redis.url()).region(REGIONS.get(i)).placement(placement).build()).start();
                started.add(node);
                nodes.add(node);
            }
            DispatcherServer dispatcher = DispatcherServer.start(DispatcherConfig.builder().id("bench-dispatcher")
                    .redisUrl(redis.url()).listenIp("127.0.0.1").port(0).access(AccessGuard.OPEN).placement(placement).build());
            started.add(dispatcher);
            String roomId = "bench-" + System.nanoTime();
            List<String> regions = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                regions.add(REGIONS.get(1 + i % 2) + "/city" + i);
            }
            return measure(script, dispatcher.url(), roomId, regions, nodes);
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    // keep closing the rest
                }
            }
        }
    }

    private Map<String, Object> measure(Path script, String baseUrl, String roomId, List<String> regions, List<NodeServer> nodes)
            throws Exception {
        Process browsers = new ProcessBuilder("node", script.toString(), baseUrl, roomId, REGIONS.get(0) + "/home",
                String.join(",", regions)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Map<String, Object>> firstFrames = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(browsers.getInputStream(), StandardCharsets.UTF_8));
                OutputStream stdin = browsers.getOutputStream()) {
            for (String line; (line = lines.readLine()) != null; ) {
                JsonNode event = Json.MAPPER.readTree(line);
                switch (event.path("event").asText()) {
                    case "subscriber" -> firstFrames.add(Json.MAPPER.convertValue(event, Map.class));
                    case "failed" -> throw new IOException("the browsers failed: " + event.path("error").asText());
                    case "ready" -> {
                        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("firstFrames", firstFrames);
                        result.put("loadToFirstFrameMsMedian", median(firstFrames, "loadToFirstFrameMs"));
                        result.put("joinToFirstFrameMsMedian", median(firstFrames, "joinToFirstFrameMs"));
                        result.putAll(bitrates(roomId, nodes));
                        stdin.write('\n');
                        stdin.flush();
                        return result;
                    }
                    default -> { }
                }
            }
            throw new IOException("the browsers' script ended early");
        } finally {
            if (!browsers.waitFor(30, TimeUnit.SECONDS)) {
                browsers.destroyForcibly();
            }
        }
    }

    /** The publisher's upload, what each node sends its subscribers, and every pipe between legs, in bits/s. */
    private static Map<String, Object> bitrates(String roomId, List<NodeServer> nodes) throws Exception {
        RoomKey key = RoomKey.of(RoomKey.DEFAULT_NAMESPACE, roomId);
        long publisher = 0;
        long pipes = 0;
        List<Map<String, Object>> legs = new ArrayList<>();
        for (NodeServer node : nodes) {
            var room = node.rooms().find(key);
            if (room.isEmpty()) {
                continue;
            }
            RoomSnapshot snapshot = room.get().snapshot().get(10, TimeUnit.SECONDS);
            Map<String, Object> leg = new LinkedHashMap<>();
            leg.put("node", node.config().nodeId());
            leg.put("peers", snapshot.peers().size());
            leg.put("bitrateToPeers", snapshot.bitrateOut());
            for (RoomSnapshot.Peer peer : snapshot.peers()) {
                if (peer.id().equals("publisher")) {
                    publisher = peer.bitrateIn();
                }
            }
            List<Map<String, Object>> links = new ArrayList<>();
            for (RoomSnapshot.Link link : snapshot.links()) {
                links.add(Map.of("to", link.nodeId(), "bitrateOut", link.bitrateOut(), "bitrateIn", link.bitrateIn(),
                        "producersOut", link.producersOut(), "producersIn", link.producersIn()));
                pipes += link.bitrateOut();
            }
            leg.put("links", links);
            legs.add(leg);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("publisherBitrate", publisher);
        figures.put("legs", legs);
        figures.put("pipeBitrateTotal", pipes);
        int farLegs = Math.max(0, legs.size() - 1);
        figures.put("copiesPerLeg", publisher == 0 || farLegs == 0 ? null
                : Math.round(100.0 * pipes / farLegs / publisher) / 100.0);
        return figures;
    }

    private static Long median(List<Map<String, Object>> rows, String field) {
        List<Long> values = rows.stream().map(r -> r.get(field)).filter(v -> v instanceof Number)
                .map(v -> ((Number) v).longValue()).sorted().toList();
        return values.isEmpty() ? null : values.get(values.size() / 2);
    }

    /** A port free for both TCP and UDP now: a node's WebRTC server port. */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + (int) (Math.random() * 30_000);
            try (ServerSocket tcp = new ServerSocket(port); DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IOException("no free port");
    }

    private static Path script() {
        String home = System.getProperty("mscluster.home");
        if (home == null) {
            throw new IllegalStateException("mscluster.home is not set: run through ./mscluster");
        }
        Path script = Path.of(home, "web-client", "bench", "first-frame.mjs");
        if (!Files.isDirectory(Path.of(home, "web-client", "node_modules", "playwright-core"))) {
            throw new IllegalStateException("web-client/node_modules has no playwright-core: run the README's test command once");
        }
        return script;
    }
}
