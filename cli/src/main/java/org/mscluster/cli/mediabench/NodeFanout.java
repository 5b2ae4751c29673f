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
 * The fan-out through the official mediasoup Node layer ({@code bench/node/media.mjs}) on the same
 * worker binary, driven over the script's stdin and stdout.
 */
public final class NodeFanout implements Fanout {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final int producerPort;
    private final long workerPid;

    /** {@code script} is {@code node media.mjs} prepared by the caller: directory, environment, packages. */
    public NodeFanout(ProcessBuilder script) throws IOException {
        script.command().addAll(List.of(Long.toString(RtpClip.AUDIO_SSRC), Long.toString(RtpClip.VIDEO_SSRC),
                Integer.toString(RtpClip.AUDIO_PAYLOAD_TYPE), Integer.toString(RtpClip.VIDEO_PAYLOAD_TYPE)));
        script.redirectError(ProcessBuilder.Redirect.INHERIT);
        this.process = script.start();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        JsonNode ready = readLine();
        this.producerPort = ready.get("producerPort").asInt();
        this.workerPid = ready.get("workerPid").asLong();
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
            throw new IOException("bench/node/media.mjs ended early (exit " + exitValue() + ")");
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
        return ProcessCpu.nanos(workerPid);
    }

    @Override
    public String description() {
        return "node process";
    }

    @Override
    public void close() throws InterruptedException {
        try {
            in.close(); // the script's loop ends and it closes its worker
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
