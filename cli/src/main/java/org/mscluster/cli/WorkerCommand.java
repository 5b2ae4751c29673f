package org.mscluster.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker", description = "Single-worker checks.", subcommands = WorkerCommand.Probe.class)
final class WorkerCommand {

    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "Start one worker, print its version, pid, resource usage and dump as JSON, close it.")
    static final class Probe implements java.util.concurrent.Callable<Integer> {

        @Option(names = "--mode", defaultValue = "in-process", converter = ModeConverter.class,
                description = "in-process (default) or process")
        WorkerMode mode;

        @Override
        public Integer call() throws Exception {
            Worker worker = Mediasoup.createWorker(WorkerSettings.builder().mode(mode).logLevel(WorkerLogLevel.WARN).build())
                    .get(30, TimeUnit.SECONDS);
            try {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("version", Mediasoup.version());
                out.put("mode", worker.mode().cliName());
                out.put("pid", worker.pid());
                out.put("resourceUsage", worker.getResourceUsage().get(10, TimeUnit.SECONDS));
                out.put("dump", worker.dump().get(10, TimeUnit.SECONDS));
                System.out.println(Json.write(out));
            } finally {
                worker.close();
                worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS);
            }
            return 0;
        }
    }
}
