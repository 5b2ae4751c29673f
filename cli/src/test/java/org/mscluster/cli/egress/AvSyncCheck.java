package org.mscluster.cli.egress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a recording of {@link AvSyncSource}: the flashes' onsets (where ffmpeg's {@code blackdetect}
 * says a black stretch ends) and the beeps' onsets (where {@code silencedetect} says a silence ends), and
 * for each flash the offset of the nearest beep, in seconds (positive: the beep comes later).
 */
final class AvSyncCheck {

    private static final Pattern BLACK_END = Pattern.compile("black_end:(\\d+(?:\\.\\d+)?)");
    private static final Pattern SILENCE_END = Pattern.compile("silence_end: (\\d+(?:\\.\\d+)?)");
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d+):(\\d+(?:\\.\\d+)?)");

    private AvSyncCheck() {
    }

    static List<Double> offsets(Path file, double flash) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(),
                "-vf", "blackdetect=d=" + flash / 2 + ":pix_th=0.2", "-af", "silencedetect=n=-40dB:d=" + flash / 2,
                "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ffmpeg did not analyse " + file + " within 60 s");
        }
        // A recording that stops in black or in silence gets a "black_end" or "silence_end" at the end of
        // that stream: no flash or beep starts there, and pairing the two ends measured how far apart the
        // streams stop, not A/V sync (a -137 ms "pair" as the last of 64 in one run).
        double end = duration(out);
        List<Double> flashes = all(BLACK_END, out).stream().filter(t -> t < end - flash).toList();
        List<Double> beeps = all(SILENCE_END, out).stream().filter(t -> t < end - flash).toList();
        List<Double> offsets = new ArrayList<>();
        for (double onset : flashes) {
            beeps.stream().min((a, b) -> Double.compare(Math.abs(a - onset), Math.abs(b - onset)))
                    .filter(beep -> Math.abs(beep - onset) < 0.5)
                    .ifPresent(beep -> offsets.add(beep - onset));
        }
        return offsets;
    }

    /** The input's duration as ffmpeg prints it, in seconds; infinite when it prints none. */
    private static double duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.find()) {
            return Double.POSITIVE_INFINITY;
        }
        return Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3));
    }

    private static List<Double> all(Pattern pattern, String text) {
        List<Double> values = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        return values;
    }

    /** min / mean / max in ms, and the first and last ten's means (drift shows as a difference). */
    static String summary(List<Double> offsets) {
        if (offsets.isEmpty()) {
            return "none";
        }
        double min = offsets.stream().mapToDouble(Double::doubleValue).min().orElse(0) * 1000;
        double max = offsets.stream().mapToDouble(Double::doubleValue).max().orElse(0) * 1000;
        double mean = offsets.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 1000;
        int n = Math.min(10, offsets.size());
        double first = offsets.subList(0, n).stream().mapToDouble(Double::doubleValue).average().orElse(0) * 1000;
        double last = offsets.subList(offsets.size() - n, offsets.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElse(0) * 1000;
        return String.format("min %.0f, mean %.0f, max %.0f; first ten %.0f, last ten %.0f", min, mean, max, first, last);
    }
}
