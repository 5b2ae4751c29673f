package org.mscluster.signaling.egress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Recordings stay in the egress directory ({@code --egress-dir}), where ffmpeg wrote them (no key: a path). */
public final class FileStorage implements EgressStorage {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public CompletableFuture<Stored> store(Path file, String key) {
        try {
            return CompletableFuture.completedFuture(new Stored(file.toAbsolutePath().toString(), null, Files.size(file)));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("recording " + file + " is missing", e));
        }
    }
}
