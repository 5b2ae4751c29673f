package org.mscluster.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mscluster bench api}: workload W1 through the Java API on one worker. One iteration, on a
 * router with opus and VP8: two PlainTransports (127.0.0.1, rtcpMux, no comedia), an opus producer
 * on the first (one encoding, fixed SSRC), a consumer of it on the second (the router's
 * capabilities), the consumer's {@code getStats()}, both transports closed. Iterations run one after
 * the other; each step starts when the previous one's future completes, as {@code await} does in
 * the Node baseline ({@code bench/node/w1.mjs}), which {@code --compare-node} runs on the same
 * worker binary.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Workload W1 (two PlainTransports, produce, consume, getStats, close) through the Java API: "
                + "iterations/s and latency of one iteration; prints one JSON object.")
final class ApiBenchCommand implements Callable<Integer> {

    static final long PRODUCER_SSRC = 11_111_111L;

    @Option(names = "--iterations", defaultValue = "10000", description = "iterations to measure (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2000", description = "iterations run before measuring (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--mode", defaultValue = "in-process", converter = ModeConverter.class,
            description = "in-process, process or remote (a media host over TCP: --media-host, else one started here on loopback)")
    WorkerMode mode;

    @Option(names = "--media-host", description = "for --mode remote: the media host to measure against")
    String mediaHost;

    @Option(names = "--media-secret-file", description = "for --media-host: its secret")
    java.nio.file.Path mediaSecretFile;

    @Option(names = "--compare-node", description = "also run W1 through the official Node layer on the same worker binary and print both")
    boolean compareNode;

    private static final RouterOptions ROUTER_OPTIONS = RouterOptions.of(List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP8").clockRate(90000).build()));

    private static final PlainTransportOptions TRANSPORT_OPTIONS = PlainTransportOptions.builder()
            .listenInfo(ListenInfo.udp("127.0.0.1")).rtcpMux(true).comedia(false).build();

    private static final ProducerOptions PRODUCER_OPTIONS = ProducerOptions.of(MediaKind.AUDIO, RtpParameters.builder()
            .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").payloadType(100).clockRate(48000).channels(2).build()))
            .encodings(List.of(RtpEncodingParameters.ofSsrc(PRODUCER_SSRC)))
            .rtcp(new RtcpParameters("w1", true))
            .build());

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--iterations must be positive, --warmup not negative");
        }
        try (BenchWorkers workers = BenchWorkers.start(mode, mediaHost, mediaSecretFile)) {
            Router router = workers.worker().createRouter(ROUTER_OPTIONS).get(10, TimeUnit.SECONDS);
            run(router, warmup, null);
            Latencies latencies = new Latencies(iterations);
            long start = System.nanoTime();
            run(router, iterations, latencies);
            long elapsed = System.nanoTime() - start;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "api");
            out.put("workload", "W1");
            out.put("host", "java");
            out.put("mode", mode.cliName());
            out.put("iterations", iterations);
            out.put("seconds", Math.round(elapsed / 1e6) / 1e3);
            out.put("iterationsPerSecond", Math.round(iterations / (elapsed / 1e9)));
            out.putAll(latencies.summary(""));
            System.out.println(Json.write(compareNode ? withNodeBaseline(out) : out));
        }
        return 0;
    }

    private Map<String, Object> withNodeBaseline(Map<String, Object> ours) throws Exception {
        return NodeBaseline.compare("w1.mjs", List.of(Integer.toString(iterations), Integer.toString(warmup)), ours,
                "iterationsPerSecond");
    }

    /** {@code count} iterations, one after the other; waits for the last. */
    private static void run(Router router, int count, Latencies latencies) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        next(router, count, latencies, done);
        try {
            done.get(30, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("an iteration failed: " + Errors.describe(e.getCause()), e.getCause());
        }
    }

    /** Runs one iteration and, from its completion, the next: no thread hand-off between iterations. */
    private static void next(Router router, int remaining, Latencies latencies, CompletableFuture<Void> done) {
        if (remaining == 0) {
            done.complete(null);
            return;
        }
        long start = System.nanoTime();
        iteration(router).whenComplete((nothing, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            if (latencies != null) {
                latencies.add(System.nanoTime() - start);
            }
            next(router, remaining - 1, latencies, done);
        });
    }

    /** One W1 iteration. */
    static CompletableFuture<Void> iteration(Router router) {
        return router.createPlainTransport(TRANSPORT_OPTIONS).thenCompose(sendTransport ->
                router.createPlainTransport(TRANSPORT_OPTIONS).thenCompose(recvTransport ->
                        sendTransport.produce(PRODUCER_OPTIONS)
                                .thenCompose(producer -> recvTransport.consume(ConsumerOptions.of(producer.id(), router.rtpCapabilities())))
                                .thenCompose(consumer -> consumer.getStats())
                                .whenComplete((stats, error) -> closeBoth(sendTransport, recvTransport))
                                .thenApply(stats -> (Void) null)));
    }

    private static void closeBoth(PlainTransport first, PlainTransport second) {
        first.close();
        second.close();
    }
}
