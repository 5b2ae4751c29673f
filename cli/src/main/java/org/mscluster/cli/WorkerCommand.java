package org.mscluster.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.worker.MediaHostEndpoint;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "worker", description = "Single-worker checks.", subcommands = WorkerCommand.Probe.class)
final class WorkerCommand {

    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "Start one worker, print its version, pid, resource usage and dump as JSON, close it.")
    static final class Probe implements java.util.concurrent.Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--mode", defaultValue = "in-process", converter = ModeConverter.class,
                description = "in-process (default) or process; remote with --media-host")
        WorkerMode mode;

        @Option(names = "--media-host", description = "probe a worker of this media host (HOST:PORT or tls://HOST:PORT)")
        String mediaHost;

        @Option(names = "--media-secret-file", description = "file holding the media host's secret")
        Path mediaSecretFile;

        @Option(names = "--media-tls-ca", description = "PEM certificates to trust for a tls:// media host")
        Path mediaTlsCa;

        @Override
        public Integer call() throws Exception {
            WorkerSettings.Builder settings = WorkerSettings.builder().mode(mode).logLevel(WorkerLogLevel.WARN);
            if (mediaHost != null || mode == WorkerMode.REMOTE) {
                if (mediaHost == null) {
                    throw new ParameterException(spec.commandLine(), "--mode remote needs --media-host");
                }
                try {
                    settings.mode(WorkerMode.REMOTE).remote(MediaHostEndpoint.parse(mediaHost, mediaTlsCa,
                            MediaSecret.read(mediaSecretFile, "--media-secret-file"), "probe"));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            Worker worker;
            try {
                worker = Mediasoup.createWorker(settings.build()).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                System.err.println("mscluster: " + e.getCause().getMessage());
                return 1;
            }
            try {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("version", Mediasoup.version());
                out.put("mode", worker.mode().cliName());
                out.put("pid", worker.pid());
                worker.remote().ifPresent(remote -> out.put("mediaHost", Map.of("id", remote.hostId(), "address", remote.address(),
                        "slot", remote.slot(), "rtcPort", remote.rtcPort(), "announcedIp", remote.announcedIp())));
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
