package org.mscluster.cli.egress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mscluster.cli.TestProcesses;

/**
 * The npm package {@code s3rver} (pinned in {@code src/test/s3rver/package.json}) on a free loopback port,
 * storing under {@code work}: an S3-compatible server for egress tests. Installed into {@code work} with
 * {@code npm ci} on first use. Credentials: {@link #ACCESS_KEY} / {@link #SECRET_KEY}.
 */
final class S3Server implements AutoCloseable {

    static final String ACCESS_KEY = "S3RVER";
    static final String SECRET_KEY = "S3RVER";
    private static final Path SOURCE = Path.of("src", "test", "s3rver").toAbsolutePath();

    private final Process process;
    final URI endpoint;

    private S3Server(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static S3Server start(Path work, String bucket) throws IOException, InterruptedException {
        Path app = work.resolve("app");
        Files.createDirectories(app);
        for (String file : new String[] {"package.json", "package-lock.json", "s3rver.mjs"}) {
            Files.copy(SOURCE.resolve(file), app.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(app.resolve("node_modules/s3rver"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(app.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("npm.log").toFile()).start();
            if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci of s3rver failed: " + Files.readString(work.resolve("npm.log")));
            }
        }
        Path data = work.resolve("data");
        Files.createDirectories(data);
        Process process = new ProcessBuilder("node", app.resolve("s3rver.mjs").toString(), data.toString(), bucket)
                .directory(app.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("s3rver exited without serving");
        }
        JsonNode listening = new ObjectMapper().readTree(line);
        return new S3Server(process, URI.create("http://127.0.0.1:" + listening.get("port").asInt()));
    }

    @Override
    public void close() {
        TestProcesses.stop(process, Duration.ofSeconds(5));
    }
}
