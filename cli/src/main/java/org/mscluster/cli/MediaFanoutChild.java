package org.mscluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mscluster.cli.mediabench.ConsumerStream;
import org.mscluster.cli.mediabench.JavaFanout;
import org.mscluster.mediasoup.worker.WorkerMode;

/**
 * {@code bench media}'s Java side with an in-process worker, in a JVM of its own: the benchmark's
 * receivers (two busy threads and their sockets' wake-ups) then share no process with the worker,
 * as a node's clients do not, and as they do not with the Node layer's worker either. Speaks {@link
 * org.mscluster.cli.mediabench.ChildFanout}'s protocol on stdin and stdout; ends when stdin closes.
 * The clip's SSRCs and payload types arrive as arguments for the protocol's sake; {@link JavaFanout}
 * knows them.
 */
public final class MediaFanoutChild {

    private MediaFanoutChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // Logging goes to stderr; stdout carries the protocol only.
        System.setOut(System.err);
        try (BenchWorkers workers = BenchWorkers.start(WorkerMode.IN_PROCESS, null, null);
                JavaFanout fanout = new JavaFanout(workers.worker());
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println(Json.write(Map.of("producerPort", fanout.producerPort(), "workerPid", ProcessHandle.current().pid(),
                    "cpu", "ask")));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode request = Json.MAPPER.readTree(line);
                switch (request.path("op").asText()) {
                    case "add" -> {
                        List<Map<String, Object>> consumers = new ArrayList<>();
                        for (ConsumerStream stream : fanout.addTransports(request.get("count").asInt(), request.get("port").asInt())) {
                            Map<String, Object> each = new LinkedHashMap<>();
                            each.put("ssrc", stream.ssrc());
                            each.put("video", stream.video());
                            consumers.add(each);
                        }
                        out.println(Json.write(Map.of("consumers", consumers)));
                    }
                    case "cpu" -> out.println(Json.write(Map.of("cpuNanos", fanout.workerCpuNanos())));
                    default -> throw new IllegalArgumentException("unknown request: " + line);
                }
            }
        }
        System.exit(0);
    }

    /** This JVM's launcher, class path and native settings, running this class. */
    static ProcessBuilder command() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        for (String property : List.of("mscluster.home", "mscluster.native.dir")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        for (String jvmOption : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (jvmOption.startsWith("-Xm") || jvmOption.startsWith("-XX:")) {
                command.add(jvmOption);
            }
        }
        command.add(MediaFanoutChild.class.getName());
        return new ProcessBuilder(command);
    }
}
