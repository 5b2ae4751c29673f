package org.mscluster.signaling.egress;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One ffmpeg run of an egress, with its inputs and its output (a file, or the RTMP URL). An egress
 * has one segment unless ffmpeg died and was restarted, or the composite's producers changed. Guarded
 * by its {@link EgressSession}.
 */
final class Segment {

    final int index;
    /** The RTMP URL, or the local file. */
    final String target;
    final Path file;
    final Instant start;
    /** When its consumers resumed: the media it records starts about here. */
    Instant mediaFrom;
    List<RtpInput> inputs = new ArrayList<>();
    FfmpegProcess ffmpeg;
    boolean composite;
    /** In the speaker layout, the video (index among the segment's videos) shown large; -1 in any other. */
    int speaker = -1;
    int speakerSwitches;
    boolean opened;
    /** Stopped to start the next segment with other producers (not a failure). */
    boolean replacing;
    Instant end;
    String endReason;
    Integer exitCode;
    double duration = -1;
    EgressStorage.Stored stored;
    /** It ended before any media: its file was removed. */
    boolean empty;
    String storeError;
    /** Completes once the segment has ended and its file (if any) is stored, or failed to be. */
    final CompletableFuture<Void> finished = new CompletableFuture<>();

    Segment(int index, String target, Path file, Instant start) {
        this.index = index;
        this.target = target;
        this.file = file;
        this.start = start;
    }

    List<String> producerIds() {
        return inputs.stream().map(input -> input.track.producerId()).toList();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", index);
        if (file == null) {
            json.put("url", target);
        } else if (empty) {
            json.put("empty", true);
        } else if (stored != null && stored.key() != null) {
            json.put("location", stored.location());
            json.put("key", stored.key());
            json.put("size", stored.size());
        } else if (stored != null) {
            json.put("path", stored.location());
            json.put("size", stored.size());
        } else {
            json.put("path", file.toAbsolutePath().toString());
            json.put("size", file.toFile().length());
        }
        json.put("composite", composite);
        json.put("producers", producerIds());
        if (speaker >= 0) {
            json.put("speakerSwitches", speakerSwitches);
        }
        json.put("startedAt", (mediaFrom != null ? mediaFrom : start).toString());
        if (end != null) {
            json.put("endedAt", end.toString());
            json.put("endReason", endReason);
        }
        if (duration >= 0) {
            json.put("duration", duration);
        }
        if (storeError != null) {
            json.put("storeError", storeError);
        }
        return json;
    }
}
