package org.mscluster.signaling.egress;

import java.nio.file.Path;

/**
 * How a node runs egress.
 *
 * @param dir where recordings are written ({@code --egress-dir}; uploads to S3 start from there too) and
 *        where ffmpeg's SDP files and logs go
 * @param ffmpeg the ffmpeg binary (Debian's {@code ffmpeg} on the PATH by default)
 * @param ffprobe the ffprobe binary
 * @param s3 the S3-compatible storage, or null when none is configured ({@code storage: "s3"} is then refused)
 * @param maxRestarts how many times an egress restarts a dead ffmpeg before it fails
 */
public record EgressSettings(Path dir, String ffmpeg, String ffprobe, EgressStorage s3, int maxRestarts) {

    public static final int DEFAULT_MAX_RESTARTS = 3;

    public static EgressSettings defaults() {
        return new EgressSettings(Path.of("egress"), "ffmpeg", "ffprobe", null, DEFAULT_MAX_RESTARTS);
    }

    public EgressSettings withDir(Path value) {
        return new EgressSettings(value, ffmpeg, ffprobe, s3, maxRestarts);
    }

    public EgressSettings withS3(EgressStorage value) {
        return new EgressSettings(dir, ffmpeg, ffprobe, value, maxRestarts);
    }
}
