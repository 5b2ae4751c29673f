package org.mscluster.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.mscluster.client.RoomClient;
import org.mscluster.client.RoomListener;
import org.mscluster.client.RoomStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "client", description = "A native (Java, real WebRTC) client of mscluster rooms.", subcommands = ClientCommand.Join.class)
final class ClientCommand {

    /** Exit code when the client could not join (refused, unreachable) or lost the room for good. */
    static final int CANNOT_JOIN = 3;
    /** Exit code when some remote producer sent nothing during the run. */
    static final int NO_MEDIA = 1;

    @Command(name = "join", mixinStandardHelpOptions = true,
            description = {"Join ROOM as PEER through a dispatcher or a node (following redirects), publish, consume every remote producer,",
                "and print one JSON line per second and a final one (chat: says hello at 2 s, lists the chats received).",
                "Exit 0 when media arrived from every remote producer; 1 when some sent nothing; 3 when it could not join or lost the room."})
    static final class Join implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--url", required = true, description = "the dispatcher's or node's WebSocket URL, e.g. ws://127.0.0.1:4443")
        String url;

        @Option(names = "--room", required = true, description = "the room id")
        String room;

        @Option(names = "--peer", required = true, description = "this peer's id")
        String peer;

        @Option(names = "--namespace", description = "the namespace (the server's default when not given)")
        String namespace;

        @Option(names = "--token", description = "a JWT for the namespace (clusters require one)")
        String token;

        @Option(names = "--publish", defaultValue = "test-pattern", description = "test-pattern (colour bars and a tone) or none (default ${DEFAULT-VALUE})")
        String publish;

        @Option(names = "--seconds", defaultValue = "10", description = "how long to stay in the room (default ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--video-size", defaultValue = "320x240", description = "test pattern size WIDTHxHEIGHT (default ${DEFAULT-VALUE})")
        String videoSize;

        @Option(names = "--fps", defaultValue = "15", description = "test pattern frame rate (default ${DEFAULT-VALUE})")
        int fps;

        @Override
        public Integer call() throws Exception {
            if (!publish.equals("test-pattern") && !publish.equals("none"))
                throw new ParameterException(spec.commandLine(), "--publish must be test-pattern or none, not '" + publish + "'");
            if (seconds < 1)
                throw new ParameterException(spec.commandLine(), "--seconds must be at least 1");
            if (!url.matches("^wss?://.+"))
                throw new ParameterException(spec.commandLine(), "--url must be a ws:// or wss:// URL, not '" + url + "'");
            int[] size = parseSize();
            PrintWriter out = spec.commandLine().getOut();
            List<ObjectNode> chats = new CopyOnWriteArrayList<>();
            PrintWriter err = spec.commandLine().getErr();
            RoomClient.Builder builder = RoomClient.builder(url).roomId(room).peerId(peer).namespace(namespace).token(token)
                    .listener(new RoomListener() {
                        @Override
                        public void onRedirect(String to, String nodeId, String reason) {
                            err.println("mscluster: redirected to node " + nodeId + (reason == null ? "" : " (" + reason + ")"));
                            err.flush();
                        }

                        @Override
                        public void onWarning(String message) {
                            err.println("mscluster: warning: " + message);
                            err.flush();
                        }

                        @Override
                        public void onChat(String from, String text) {
                            chats.add(Json.MAPPER.createObjectNode().put("peerId", from).put("text", text));
                        }

                        @Override
                        public void onReentry(int attempt, long delayMillis, String why) {
                            err.println("mscluster: " + why + "; back to the entry point in " + delayMillis + " ms (attempt " + (attempt + 1) + ")");
                            err.flush();
                        }
                    });
            if (publish.equals("test-pattern"))
                builder.testPattern(size[0], size[1], fps);
            try (RoomClient client = builder.build()) {
                try {
                    client.join().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    err.println("mscluster: cannot join room '" + room + "' at " + url + ": " + Errors.describe(e));
                    err.flush();
                    return CANNOT_JOIN;
                }
                Map<String, Producer> producers = new LinkedHashMap<>();
                long start = System.nanoTime();
                RoomStats stats = null;
                for (int t = 1; t <= seconds; t++) {
                    long wake = start + TimeUnit.SECONDS.toNanos(t);
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, wake - System.nanoTime()));
                    if (t == 2)
                        client.sendChat("hello from " + peer);
                    try {
                        stats = client.stats();
                    } catch (RuntimeException e) {
                        err.println("mscluster: no stats this second: " + e.getMessage());
                        err.flush();
                        continue;
                    }
                    for (RoomStats.ConsumerStats c : stats.consumers()) {
                        Producer p = producers.computeIfAbsent(c.producerId(), id -> new Producer(c.peerId(), c.kind()));
                        p.received |= c.received();
                    }
                    out.println(Json.write(line(t, stats, null, chats)));
                    out.flush();
                    if (client.closedFuture().isDone())
                        break;
                }
                ObjectNode last = line(seconds, stats, producers, chats);
                out.println(Json.write(last));
                out.flush();
                if (client.closedFuture().isDone()) {
                    err.println("mscluster: left the room: " + client.closedFuture().getNow(""));
                    return CANNOT_JOIN;
                }
                return last.path("ok").asBoolean() ? 0 : NO_MEDIA;
            }
        }

        private int[] parseSize() {
            String[] parts = videoSize.split("x");
            try {
                int[] size = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
                if (parts.length == 2 && size[0] >= 16 && size[1] >= 16 && size[0] <= 3840 && size[1] <= 2160 && fps >= 1 && fps <= 60)
                    return size;
            } catch (RuntimeException e) {
                // reported below
            }
            throw new ParameterException(spec.commandLine(), "--video-size must be WIDTHxHEIGHT (16..3840 x 16..2160) and --fps 1..60");
        }

        /** One report: per remote peer, video frames decoded and size, audio packets; the final one adds ok and missing. */
        private ObjectNode line(int t, RoomStats stats, Map<String, Producer> producers, List<ObjectNode> chats) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            if (producers != null)
                line.put("final", true);
            line.put("t", t);
            if (stats != null) {
                line.put("url", stats.url()).put("joined", stats.joined()).put("joins", stats.joins());
                line.put("rttMs", stats.rttMillis() < 0 ? null : Math.round(stats.rttMillis() * 10) / 10.0);
                Map<String, ObjectNode> peers = new LinkedHashMap<>();
                for (RoomStats.ConsumerStats c : stats.consumers()) {
                    ObjectNode peer = peers.computeIfAbsent(c.peerId(), id -> Json.MAPPER.createObjectNode().put("peerId", id));
                    if (c.kind().equals("video")) {
                        ObjectNode video = peer.putObject("video");
                        video.put("framesDecoded", c.framesDecoded()).put("width", c.width()).put("height", c.height())
                                .put("packetsReceived", c.packetsReceived());
                    } else {
                        peer.putObject("audio").put("packetsReceived", c.packetsReceived());
                    }
                }
                ArrayNode list = line.putArray("peers");
                peers.values().forEach(list::add);
            }
            line.putArray("chats").addAll(chats);
            if (producers != null) {
                ArrayNode missing = line.putArray("missing");
                producers.forEach((id, p) -> {
                    if (!p.received)
                        missing.addObject().put("producerId", id).put("peerId", p.peerId).put("kind", p.kind);
                });
                line.put("producers", producers.size());
                line.put("ok", missing.isEmpty());
            }
            return line;
        }

        private static final class Producer {
            final String peerId;
            final String kind;
            boolean received;

            Producer(String peerId, String kind) {
                this.peerId = peerId;
                this.kind = kind;
            }
        }
    }
}
