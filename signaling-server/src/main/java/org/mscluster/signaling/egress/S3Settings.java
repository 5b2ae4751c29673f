package org.mscluster.signaling.egress;

import java.net.URI;
import java.util.Objects;

/**
 * An S3-compatible object store for recordings ({@code --s3-endpoint}, {@code --s3-bucket}, …).
 *
 * @param endpoint the service's URL ({@code https://s3.eu-central-1.amazonaws.com}, {@code http://minio:9000}); null: AWS's
 *        own endpoint for the region
 * @param accessKey null with {@code secretKey} null: the SDK's default credentials (environment, profile, instance role)
 * @param pathStyle {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key} (MinIO, most self-hosted stores)
 * @param prefix put before every key ({@code recordings/}); empty for none
 */
public record S3Settings(URI endpoint, String bucket, String region, String accessKey, String secretKey, boolean pathStyle,
        String prefix) {

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("the S3 bucket is empty");
        }
        region = region == null || region.isBlank() ? "us-east-1" : region;
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("give both the S3 access key and the secret key, or neither");
        }
        prefix = prefix == null ? "" : prefix;
    }

    @Override
    public String toString() {
        // Never the secret key: this lands in logs.
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", pathStyle=" + pathStyle
                + ", prefix=" + prefix + "]";
    }
}
