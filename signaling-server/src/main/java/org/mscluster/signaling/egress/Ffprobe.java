package org.mscluster.signaling.egress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The duration ffprobe reads from a finished file: what a player will show. */
final class Ffprobe {

    private Ffprobe() {
    }

    /** How many streams a player finds in the file; 0 when ffprobe cannot read it. */
    static int streams(String ffprobe, Path file) {
        try {
            Process process = new ProcessBuilder(ffprobe, "-v", "error", "-show_entries", "stream=index", "-of", "csv=p=0",
                    file.toString()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return 0;
            }
            return process.exitValue() != 0 || out.isEmpty() ? 0 : (int) out.lines().filter(l -> l.matches("\\d+")).count();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Seconds, or -1 when ffprobe cannot read the file or it says no duration. */
    static double duration(String ffprobe, Path file) {
        try {
            Process process = new ProcessBuilder(ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                    file.toString()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
