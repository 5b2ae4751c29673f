package org.mscluster.signaling.egress;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Where finished recording segments go. A segment is written to the local egress directory first; the
 * storage then takes it ({@link FileStorage}: it stays there; {@link S3Storage}: uploaded, and deleted
 * locally only once the upload has succeeded).
 */
public interface EgressStorage {

    /** {@code file} or {@code s3}, as in the request. */
    String name();

    /**
     * Takes a finished file; completes with where it is now, or fails (the file is then still at
     * {@code file}).
     *
     * @param key the name to keep it under ({@code namespace/roomId/egressId-segment.ext})
     */
    CompletableFuture<Stored> store(Path file, String key);

    /** @param location a path, or {@code s3://bucket/key}; @param key the object key, null for a local file */
    record Stored(String location, String key, long size) {
    }
}
