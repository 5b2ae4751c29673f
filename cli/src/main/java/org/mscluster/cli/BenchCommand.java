package org.mscluster.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.bench.ChannelBenchmark;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmarks; each prints one JSON object.",
        subcommands = {BenchCommand.ChannelBench.class, ApiBenchCommand.class, DispatchBenchCommand.class, ScaleBenchCommand.class,
                CascadeBenchCommand.class, SoakBenchCommand.class, MediaBenchCommand.class, EgressBenchCommand.class,
                JoinBenchCommand.class})
final class BenchCommand {

    @Command(name = "channel", mixinStandardHelpOptions = true,
            description = "WORKER_DUMP round trips with a bounded number in flight: requests/s and latency.")
    static final class ChannelBench implements Callable<Integer> {

        @Option(names = "--requests", defaultValue = "1000000", description = "requests to measure (default ${DEFAULT-VALUE})")
        int requests;

        @Option(names = "--in-flight", defaultValue = "64", description = "requests in flight at most (default ${DEFAULT-VALUE})")
        int inFlight;

        @Option(names = "--warmup", defaultValue = "200000", description = "requests sent before measuring (default ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--workers", defaultValue = "1",
                description = "workers measured at once, each with --in-flight requests and its share of --requests (default ${DEFAULT-VALUE})")
        int workerCount;

        @Option(names = "--mode", defaultValue = "in-process", converter = ModeConverter.class,
                description = "in-process, process or remote (a media host over TCP: --media-host, else one started here on loopback)")
        WorkerMode mode;

        @Option(names = "--media-host", description = "for --mode remote: the media host to measure against")
        String mediaHost;

        @Option(names = "--media-secret-file", description = "for --media-host: its secret")
        java.nio.file.Path mediaSecretFile;

        @Option(names = "--compare-node", description = "also run the official Node layer on the same worker binary and print both")
        boolean compareNode;

        @Override
        public Integer call() throws Exception {
            if (requests < 1 || inFlight < 1 || warmup < 0 || workerCount < 1 || workerCount > requests) {
                throw new IllegalArgumentException("--requests, --in-flight and --workers must be positive (--workers at most --requests),"
                        + " --warmup not negative");
            }
            try (BenchWorkers workers = BenchWorkers.start(mode, mediaHost, mediaSecretFile, workerCount)) {
                runAll(workers.workers(), warmup, null);
                List<Latencies> latencies = new ArrayList<>();
                for (int i = 0; i < workerCount; i++) {
                    latencies.add(new Latencies(requests / workerCount + 1));
                }
                long start = System.nanoTime();
                runAll(workers.workers(), requests, latencies);
                long elapsed = System.nanoTime() - start;
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "channel");
                out.put("host", "java");
                out.put("mode", mode.cliName());
                out.put("request", "WORKER_DUMP");
                out.put("requests", requests);
                out.put("inFlight", inFlight);
                out.put("workers", workerCount);
                out.put("seconds", Math.round(elapsed / 1e6) / 1e3);
                out.put("requestsPerSecond", Math.round(requests / (elapsed / 1e9)));
                out.putAll(Latencies.summary(latencies, ""));
                System.out.println(Json.write(compareNode ? withNodeBaseline(out) : out));
            }
            return 0;
        }

        /** {@code total} requests shared out over the workers, all measured at once, each from a thread of its own. */
        private void runAll(List<Worker> workers, int total, List<Latencies> latencies) throws Exception {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < workers.size(); i++) {
                Worker worker = workers.get(i);
                int share = total / workers.size() + (i < total % workers.size() ? 1 : 0);
                LongConsumer recorder = latencies == null ? null : latencies.get(i)::add;
                CompletableFuture<Void> run = new CompletableFuture<>();
                Thread thread = new Thread(() -> {
                    try {
                        ChannelBenchmark.run(worker, share, inFlight, recorder);
                        run.complete(null);
                    } catch (Throwable e) {
                        run.completeExceptionally(e);
                    }
                }, "bench-channel-" + i);
                thread.start();
                runs.add(run);
            }
            try {
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        private Map<String, Object> withNodeBaseline(Map<String, Object> ours) throws Exception {
            return NodeBaseline.compare("channel.mjs",
                    List.of(Integer.toString(requests), Integer.toString(inFlight), Integer.toString(warmup), Integer.toString(workerCount)), ours, "requestsPerSecond");
        }

    }
}
