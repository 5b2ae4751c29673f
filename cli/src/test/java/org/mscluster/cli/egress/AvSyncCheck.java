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
        List<Double> flashes = all(BLACK_END, out);
        List<Double> beeps = all(SILENCE_END, out);
        List<Double> offsets = new ArrayList<>();
        for (double onset : flashes) {
            beeps.stream().min((a, b) -> Double.compare(Math.abs(a - onset), Math.abs(b - onset)))
                    .filter(beep -> Math.abs(beep - onset) < 0.5)
                    .ifPresent(beep -> offsets.add(beep - onset));
        }
        return offsets;
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
