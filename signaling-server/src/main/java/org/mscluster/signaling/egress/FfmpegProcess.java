package org.mscluster.signaling.egress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ffmpeg: its log (appended to a file, the last lines kept for error reports), whether its
 * output is open ({@code Output #0} in its log: the RTMP server took the stream, or the file was created),
 * and a graceful stop (SIGTERM: ffmpeg writes its trailer, so the file is finalised) that turns into a
 * kill when it takes too long.
 */
public final class FfmpegProcess {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegProcess.class);
    private static final int TAIL = 12;
    /**
     * ffmpeg is told to take SIGTERM when the node dies (util-linux's {@code setpriv}, essential in Debian):
     * a node killed with {@code kill -9} would otherwise leave it running for ever, since a composite's
     * background keeps producing frames without input, filling the disk with black video. SIGTERM lets it
     * write its trailer, so the file is playable. Without setpriv (not Linux) the command runs as it is.
     */
    private static final List<String> DIE_WITH_NODE = Files.isExecutable(Path.of("/usr/bin/setpriv"))
            ? List.of("/usr/bin/setpriv", "--pdeathsig", "TERM", "--") : List.of();
    /**
     * The one thread that starts every ffmpeg. Linux sends the parent-death signal when the thread that
     * forked the child ends, not the process: a pooled thread retired while idle would stop recordings.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ffmpeg-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Void> outputOpen = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean stopping;
    /** ffmpeg's progress lines ({@code frame=  546 fps= 25 … time=…}), every {@code -stats_period}. */
    private static final Pattern FRAMES = Pattern.compile("^frame=\\s*(\\d+)");
    private static final Pattern TIME = Pattern.compile("time=\\s*(-?)(\\d+):(\\d+):(\\d+(?:\\.\\d+)?)");
    private static final Pattern DUP = Pattern.compile("dup=\\s*(\\d+)");
    private static final Pattern DROP = Pattern.compile("drop=\\s*(\\d+)");
    private volatile long lastFrames = -1;
    private volatile long framesChangedAt = System.nanoTime();
    private volatile Progress progress;

    /**
     * ffmpeg's last progress line: when it was read, the output's frames and time (seconds), and the
     * frames it duplicated or dropped to keep the output rate.
     */
    public record Progress(long readAtNanos, long frames, double seconds, long dup, long drop) {

        /** Parses a progress line, or answers null for any other line. */
        static Progress parse(String line, long readAtNanos) {
            Matcher frames = FRAMES.matcher(line);
            Matcher time = TIME.matcher(line);
            if (!frames.find() || !time.find()) {
                return null;
            }
            double seconds = Integer.parseInt(time.group(2)) * 3600.0 + Integer.parseInt(time.group(3)) * 60.0
                    + Double.parseDouble(time.group(4));
            return new Progress(readAtNanos, Long.parseLong(frames.group(1)), time.group(1).isEmpty() ? seconds : -seconds,
                    count(DUP, line), count(DROP, line));
        }

        private static long count(Pattern pattern, String line) {
            Matcher matcher = pattern.matcher(line);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        }
    }

    private FfmpegProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code command}, to end with this JVM; its log goes to {@code log} (appended). */
    public static FfmpegProcess start(List<String> command, Path log, String name) throws IOException {
        List<String> full = new ArrayList<>(DIE_WITH_NODE);
        full.addAll(command);
        Process process;
        try {
            process = LAUNCHER.submit(() -> new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start()).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting ffmpeg", e);
        }
        FfmpegProcess ffmpeg = new FfmpegProcess(process);
        Thread reader = new Thread(() -> ffmpeg.read(log), "ffmpeg-" + name);
        reader.setDaemon(true);
        reader.start();
        return ffmpeg;
    }

    private void read(Path log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            out.write("# pid " + process.pid() + ": " + String.join(" ", process.info().arguments().map(List::of)
                    .orElse(List.of())) + "\n");
            for (String line; (line = lines.readLine()) != null; ) {
                out.write(line);
                out.write('\n');
                out.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
                if (line.startsWith("Output #0")) {
                    outputOpen.complete(null);
                }
                Matcher frames = FRAMES.matcher(line);
                if (frames.find()) {
                    long count = Long.parseLong(frames.group(1));
                    if (count != lastFrames) {
                        lastFrames = count;
                        framesChangedAt = System.nanoTime();
                    }
                    Progress now = Progress.parse(line, System.nanoTime());
                    progress = now != null ? now : progress;
                }
            }
        } catch (IOException e) {
            LOG.debug("ffmpeg {} log: {}", process.pid(), e.toString());
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        outputOpen.completeExceptionally(new IllegalStateException("ffmpeg exited with " + code + " before opening its output"));
        exit.complete(code);
    }

    /**
     * How long its video frame count has not moved, by its progress lines: a composite whose video inputs
     * stalled (an input that sends nothing more holds the whole picture) goes on with its sound alone.
     */
    public java.time.Duration videoStalledFor() {
        // No frame count yet (still probing), or none ever (an output without video): nothing to judge.
        return lastFrames < 0 ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - framesChangedAt);
    }

    /** Its last progress line (every {@code -stats_period}), or null before the first. */
    public Progress progress() {
        return progress;
    }

    public long pid() {
        return process.pid();
    }

    /** Completes once ffmpeg has opened its output; fails if it exits first. */
    public CompletableFuture<Void> outputOpen() {
        return outputOpen;
    }

    /** Completes with the exit code once ffmpeg has exited and its log is read to the end. */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Whether {@link #stop} was asked: the exit is ours, not a failure. */
    public boolean stopping() {
        return stopping;
    }

    /** Whether one of the last lines of its log contains {@code text}. */
    public boolean logged(String text) {
        synchronized (tail) {
            return tail.stream().anyMatch(line -> line.contains(text));
        }
    }

    /** The last lines of its log, for an error report: the most telling first (lines with "error", "failed", "refused"). */
    public String reason() {
        List<String> lines;
        synchronized (tail) {
            lines = List.copyOf(tail);
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).toLowerCase();
            if (line.contains("error") || line.contains("failed") || line.contains("refused") || line.contains("invalid")
                    || line.contains("unreachable") || line.contains("timed out") || line.contains("not found")) {
                return lines.get(i).trim();
            }
        }
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).trim();
    }

    /**
     * Asks ffmpeg to finish (SIGTERM: it writes its trailer); kills it after {@code seconds}. SIGTERM is only
     * seen between two packets: an ffmpeg whose inputs went quiet waits until it is killed, and its file
     * plays up to what it last wrote out (every 2 s: see {@link FfmpegCommand}). A second SIGTERM would
     * interrupt the read, but also the writing of the file's end by an ffmpeg that is only slow to finish.
     */
    public CompletableFuture<Integer> stop(long seconds) {
        stopping = true;
        if (process.isAlive()) {
            process.destroy();
            CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS).execute(() -> {
                if (process.isAlive()) {
                    LOG.warn("ffmpeg {} did not finish within {} s of SIGTERM: killing it", process.pid(), seconds);
                    process.destroyForcibly();
                }
            });
        }
        return exit;
    }

    /**
     * Sends a command to one of its filters while it runs (ffmpeg's {@code c} key on its standard input:
     * {@code target time command argument}, time -1 for now); ffmpeg reads one key per 100 ms, so a
     * command takes effect within about 100 ms per command queued before it. False when ffmpeg is gone.
     */
    public boolean command(String target, String command, String argument) {
        synchronized (process) {
            try {
                var in = process.getOutputStream();
                in.write(("c" + target + " -1 " + command + " " + argument + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                return true;
            } catch (IOException e) {
                LOG.debug("ffmpeg {}: command {} {} to {} not sent: {}", process.pid(), command, argument, target, e.toString());
                return false;
            }
        }
    }

    /** Kills it at once (the node is going away, or the segment is abandoned). */
    public void kill() {
        stopping = true;
        process.destroyForcibly();
    }
}
