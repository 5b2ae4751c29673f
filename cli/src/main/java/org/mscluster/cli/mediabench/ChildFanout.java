package org.mscluster.cli.mediabench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fan-out in a child process, driven over its stdin and stdout with JSON lines: the official
 * mediasoup Node layer ({@code bench/node/media.mjs}) on the same worker binary, or this project's
 * Java layer with an in-process worker ({@code MediaFanoutChild}). Either way the receivers stay in
 * the benchmark's process, apart from the worker's, as a server's clients are.
 *
 * <p>The protocol: the child first prints {@code {"producerPort","workerPid"}}; to each {@code
 * {"op":"add","count","port"}} it answers {@code {"consumers":[{"ssrc","video"}]}}. A child whose worker
 * is a thread and not a process adds {@code "cpu":"ask"} to its first line and answers {@code
 * {"op":"cpu"}} with the worker thread's {@code {"cpuNanos"}}; otherwise the worker process's CPU is
 * read from /proc.
 */
public final class ChildFanout implements Fanout {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final int producerPort;
    private final long workerPid;
    private final boolean askCpu;
    private final String description;

    /**
     * @param command the child prepared by the caller (directory, environment, packages); the clip's
     *     SSRCs and payload types are appended to its arguments
     */
    public ChildFanout(ProcessBuilder command, String description) throws IOException {
        command.command().addAll(List.of(Long.toString(RtpClip.AUDIO_SSRC), Long.toString(RtpClip.VIDEO_SSRC),
                Integer.toString(RtpClip.AUDIO_PAYLOAD_TYPE), Integer.toString(RtpClip.VIDEO_PAYLOAD_TYPE)));
        command.redirectError(ProcessBuilder.Redirect.INHERIT);
        this.description = description;
        this.process = command.start();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        JsonNode ready = readLine();
        this.producerPort = ready.get("producerPort").asInt();
        this.workerPid = ready.get("workerPid").asLong();
        this.askCpu = "ask".equals(ready.path("cpu").asText());
    }

    @Override
    public int producerPort() {
        return producerPort;
    }

    @Override
    public List<ConsumerStream> addTransports(int count, int receiverPort) throws IOException {
        in.write("{\"op\":\"add\",\"count\":" + count + ",\"port\":" + receiverPort + "}\n");
        in.flush();
        List<ConsumerStream> streams = new ArrayList<>();
        for (JsonNode consumer : readLine().get("consumers")) {
            streams.add(new ConsumerStream(consumer.get("ssrc").asLong(), consumer.get("video").asBoolean()));
        }
        return streams;
    }

    private JsonNode readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException(description + " ended early (exit " + exitValue() + ")");
        }
        return JSON.readTree(line);
    }

    private String exitValue() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public long workerCpuNanos() throws IOException {
        if (askCpu) {
            in.write("{\"op\":\"cpu\"}\n");
            in.flush();
            return readLine().get("cpuNanos").asLong();
        }
        return ProcessCpu.nanos(workerPid);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            in.close(); // the child's loop ends and it closes its worker
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
