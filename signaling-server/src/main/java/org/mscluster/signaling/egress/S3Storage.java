package org.mscluster.signaling.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Recordings uploaded to an S3-compatible store with a multipart upload (8 MiB parts), each request
 * retried by the SDK (standard mode), the whole upload tried {@link #ATTEMPTS} times with a growing
 * pause. An upload that fails is aborted (no partial object is ever completed), and the local file
 * is deleted only once the object is complete and its size checked; otherwise it stays for an operator.
 * Uploads run one at a time on their own thread, never on the egress's timers.
 */
public final class S3Storage implements EgressStorage, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Storage.class);
    static final long PART_SIZE = 8L * 1024 * 1024;
    static final int ATTEMPTS = 3;

    private final S3Settings settings;
    private final S3Client client;
    private final ExecutorService uploads = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "egress-s3");
        thread.setDaemon(true);
        return thread;
    });

    public S3Storage(S3Settings settings) {
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.accessKey() == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                // Whole-payload signatures: aws-chunked bodies are stored verbatim by some S3-compatible stores.
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle())
                        .chunkedEncodingEnabled(false).build())
                // Checksums only where S3 requires them: many S3-compatible stores refuse the newer trailing checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofMinutes(10)));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        this.client = builder.build();
    }

    @Override
    public String name() {
        return "s3";
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public CompletableFuture<Stored> store(Path file, String key) {
        String objectKey = settings.prefix() + key;
        return CompletableFuture.supplyAsync(() -> uploadWithRetries(file, objectKey), uploads);
    }

    private Stored uploadWithRetries(Path file, String key) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                long size = upload(file, key);
                Files.deleteIfExists(file);
                LOG.info("egress: uploaded {} to s3://{}/{} ({} bytes)", file.getFileName(), settings.bucket(), key, size);
                return new Stored("s3://" + settings.bucket() + "/" + key, key, size);
            } catch (SdkException | IOException | IllegalStateException e) {
                last = e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
                LOG.warn("egress: upload of {} to s3://{}/{} failed (attempt {} of {}): {}", file, settings.bucket(), key,
                        attempt, ATTEMPTS, e.toString());
                if (attempt < ATTEMPTS) {
                    try {
                        Thread.sleep(1000L << attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        throw last;
    }

    /** One multipart upload; aborted on any failure, so a partial object is never completed. */
    private long upload(Path file, String key) throws IOException {
        long size = Files.size(file);
        String uploadId = client.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(settings.bucket()).key(key)
                .contentType(contentType(key)).build()).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file)) {
                int number = 1;
                for (long offset = 0; offset < size || number == 1; offset += PART_SIZE, number++) {
                    byte[] part = in.readNBytes((int) Math.min(PART_SIZE, size - offset));
                    String etag = client.uploadPart(UploadPartRequest.builder().bucket(settings.bucket()).key(key)
                            .uploadId(uploadId).partNumber(number).contentLength((long) part.length).build(),
                            RequestBody.fromBytes(part)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                    if (size == 0) {
                        break;
                    }
                }
            }
            client.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(settings.bucket()).key(key)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(settings.bucket()).key(key)
                        .uploadId(uploadId).build());
            } catch (SdkException abort) {
                LOG.debug("egress: aborting upload {} of {}: {}", uploadId, key, abort.toString());
            }
            throw e;
        }
        long stored = client.headObject(HeadObjectRequest.builder().bucket(settings.bucket()).key(key).build()).contentLength();
        if (stored != size) {
            // Not what was sent: no object rather than a wrong one.
            client.deleteObject(DeleteObjectRequest.builder().bucket(settings.bucket()).key(key).build());
            throw new IllegalStateException("s3://" + settings.bucket() + "/" + key + " holds " + stored + " bytes, the file "
                    + size);
        }
        return size;
    }

    private static String contentType(String key) {
        if (key.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (key.endsWith(".webm")) {
            return "video/webm";
        }
        return "video/x-matroska";
    }

    @Override
    public void close() {
        uploads.shutdown();
        client.close();
    }
}
