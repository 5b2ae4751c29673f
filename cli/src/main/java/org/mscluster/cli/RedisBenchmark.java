package org.mscluster.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mscluster.cluster.redis.RedisUrl;

/**
 * Runs {@code redis-benchmark}'s {@code EVAL "return 1" 0} against a Redis: the rate of the
 * cheapest possible script call on that server, from that machine, which is the yardstick for the
 * dispatcher's one-script-per-decision path.
 */
final class RedisBenchmark {
    /** The script: no keys, no work; only the cost of a script call and its round trip. */
    static final List<String> EVAL = List.of("eval", "return 1", "0");

    private static final Pattern PER_SECOND = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) requests per second");

    /**
     * What one or more runs gave: the rate, or why there is none.
     *
     * @param samples the rate of each run that measured one; {@code perSecond} is their mean
     */
    record Result(List<String> command, OptionalDouble perSecond, List<Double> samples, String skipped) {
        static Result measured(List<String> command, double perSecond) {
            return new Result(command, OptionalDouble.of(perSecond), List.of(perSecond), null);
        }

        static Result skipped(List<String> command, String why) {
            return new Result(command, OptionalDouble.empty(), List.of(), why);
        }

        /** The runs together: the mean of those that measured, or the first reason none did. */
        static Result mean(Result a, Result b) {
            List<Double> all = new ArrayList<>(a.samples());
            all.addAll(b.samples());
            List<String> command = a.command().isEmpty() ? b.command() : a.command();
            if (all.isEmpty()) {
                return skipped(command, a.skipped() != null ? a.skipped() : b.skipped());
            }
            double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            return new Result(command, OptionalDouble.of(mean), List.copyOf(all), null);
        }
    }

    private RedisBenchmark() {
    }

    /** The command line; {@link IllegalArgumentException} for a URL redis-benchmark cannot reach (Sentinel). */
    static List<String> command(RedisUrl url, int requests, int clients) {
        if (url.mode() != RedisUrl.Mode.STANDALONE) {
            throw new IllegalArgumentException("redis-benchmark cannot follow Sentinel; run it against the master");
        }
        RedisUrl.Host host = url.hosts().get(0);
        List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-h", host.host(), "-p", Integer.toString(host.port())));
        if (url.password() != null) {
            cmd.addAll(List.of("-a", url.password()));
            if (url.user() != null && !url.user().isEmpty()) {
                cmd.addAll(List.of("--user", url.user()));
            }
        }
        if (url.database() != 0) {
            cmd.addAll(List.of("--dbnum", Integer.toString(url.database())));
        }
        if (url.tls()) {
            cmd.addAll(List.of("--tls", "--sni", host.host()));
        }
        cmd.addAll(List.of("-n", Integer.toString(requests), "-c", Integer.toString(clients), "--csv"));
        cmd.addAll(EVAL);
        return cmd;
    }

    /** The command as shown to users: the password masked. */
    static String display(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        for (int i = 0; i + 1 < shown.size(); i++) {
            if (shown.get(i).equals("-a")) {
                shown.set(i + 1, "***");
            }
        }
        StringBuilder b = new StringBuilder();
        for (String arg : shown) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(arg.isEmpty() || arg.matches(".*[\\s\"'].*") ? '"' + arg.replace("\"", "\\\"") + '"' : arg);
        }
        return b.toString();
    }

    static Result run(RedisUrl url, int requests, int clients) {
        List<String> cmd;
        try {
            cmd = command(url, requests, clients);
        } catch (IllegalArgumentException e) {
            return Result.skipped(List.of(), e.getMessage());
        }
        try {
            Process p = new ProcessBuilder(cmd).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Result.skipped(cmd, "redis-benchmark did not finish within 10 minutes");
            }
            String stdout = out.get(10, TimeUnit.SECONDS);
            OptionalDouble rate = parse(stdout);
            if (p.exitValue() != 0 || rate.isEmpty()) {
                String why = firstLine(err.get(10, TimeUnit.SECONDS)).or(() -> firstLine(stdout)).orElse("no output");
                return Result.skipped(cmd, "redis-benchmark exited " + p.exitValue() + ": " + why);
            }
            return Result.measured(cmd, rate.getAsDouble());
        } catch (IOException e) {
            return Result.skipped(cmd, "cannot run redis-benchmark (is it installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.skipped(cmd, "interrupted");
        } catch (Exception e) {
            return Result.skipped(cmd, Errors.describe(e));
        }
    }

    /**
     * The requests per second in redis-benchmark's output: {@code --csv} (the {@code rps} column of
     * the first data row), {@code -q} ({@code "eval ...: 42698.55 requests per second, p50=..."}
     * after carriage-return progress lines) or the full report ({@code throughput summary: ...}).
     */
    static OptionalDouble parse(String output) {
        List<String> lines = Arrays.stream(output.split("[\r\n]+")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            List<String> header = csv(lines.get(i));
            int column = header.indexOf("rps");
            if (column >= 0) {
                List<String> row = csv(lines.get(i + 1));
                if (row.size() > column) {
                    try {
                        return OptionalDouble.of(Double.parseDouble(row.get(column)));
                    } catch (NumberFormatException e) {
                        return OptionalDouble.empty();
                    }
                }
            }
        }
        Matcher m = PER_SECOND.matcher(output);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(last));
    }

    /** Fields of one line of redis-benchmark's CSV: every field is double-quoted, none contains a quote. */
    private static List<String> csv(String line) {
        if (!line.startsWith("\"")) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        for (String f : line.split(",")) {
            fields.add(f.strip().replaceAll("^\"|\"$", ""));
        }
        return fields;
    }

    private static Optional<String> firstLine(String text) {
        return Arrays.stream(text.split("[\r\n]+")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("Warning: Using a password"))
                .findFirst();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
