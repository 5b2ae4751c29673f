package org.mscluster.cli;

import java.net.URI;
import java.nio.file.Path;
import org.mscluster.signaling.egress.EgressSettings;
import org.mscluster.signaling.egress.S3Settings;
import org.mscluster.signaling.egress.S3Storage;
import picocli.CommandLine.Option;

/**
 * Where a node's egress writes recordings, and the S3-compatible store it uploads them to. Like every
 * option these can come from the environment ({@code MSCLUSTER_S3_SECRET_KEY}) or the YAML file, which
 * keeps the secret key off the command line.
 */
final class EgressOptions {

    @Option(names = "--egress-dir", defaultValue = "egress",
            description = "directory of recordings (kept there with storage 'file', uploaded from there with 's3'), ffmpeg's logs and SDP files (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "the ffmpeg binary of egress (default ${DEFAULT-VALUE})")
    String ffmpeg;

    @Option(names = "--s3-endpoint", description = "URL of the S3-compatible store (http://minio:9000); without it, AWS's endpoint of --s3-region")
    URI s3Endpoint;

    @Option(names = "--s3-bucket", description = "bucket of recordings with storage 's3' (none: 's3' is refused)")
    String s3Bucket;

    @Option(names = "--s3-region", defaultValue = "us-east-1", description = "the store's region (default ${DEFAULT-VALUE})")
    String s3Region;

    @Option(names = "--s3-access-key", description = "access key id (with --s3-secret-key; neither: the AWS SDK's default credentials)")
    String s3AccessKey;

    @Option(names = "--s3-secret-key", description = "secret access key (better in MSCLUSTER_S3_SECRET_KEY than on the command line)")
    String s3SecretKey;

    @Option(names = "--s3-path-style", description = "address objects as ENDPOINT/BUCKET/KEY (MinIO and most self-hosted stores)")
    boolean s3PathStyle;

    @Option(names = "--s3-prefix", defaultValue = "", description = "put before every object key (recordings/)")
    String s3Prefix;

    /** @throws IllegalArgumentException when the S3 options do not fit together */
    EgressSettings settings() {
        EgressSettings settings = EgressSettings.defaults().withDir(dir);
        settings = new EgressSettings(settings.dir(), ffmpeg, ffmpeg.endsWith("ffmpeg")
                ? ffmpeg.substring(0, ffmpeg.length() - "ffmpeg".length()) + "ffprobe" : "ffprobe", null, settings.maxRestarts());
        if (s3Bucket == null || s3Bucket.isBlank()) {
            if (s3Endpoint != null || s3AccessKey != null) {
                throw new IllegalArgumentException("--s3-endpoint and --s3-access-key need --s3-bucket");
            }
            return settings;
        }
        return settings.withS3(new S3Storage(new S3Settings(s3Endpoint, s3Bucket, s3Region, s3AccessKey, s3SecretKey, s3PathStyle,
                s3Prefix)));
    }
}
