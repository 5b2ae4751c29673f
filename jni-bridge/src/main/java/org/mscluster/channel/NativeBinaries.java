package org.mscluster.channel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the worker binaries built by {@code native/build.sh} are: the system property
 * {@code mscluster.native.dir}, else the environment variable {@code MSCLUSTER_NATIVE_DIR}, else
 * {@code ~/.cache/mscluster/native/current} (the symlink the build keeps on its newest output).
 */
public record NativeBinaries(Path directory) {

    public static final String WORKER_EXECUTABLE = "mediasoup-worker";
    public static final String WORKER_LIBRARY = "libmediasoup-worker.so";
    public static final String BRIDGE_LIBRARY = "libmscluster-bridge.so";

    public NativeBinaries {
        Objects.requireNonNull(directory, "directory");
    }

    public static NativeBinaries locate() {
        String dir = System.getProperty("mscluster.native.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("MSCLUSTER_NATIVE_DIR");
        }
        if (dir == null || dir.isBlank()) {
            dir = Path.of(System.getProperty("user.home"), ".cache", "mscluster", "native", "current").toString();
        }
        return new NativeBinaries(Path.of(dir));
    }

    public Path workerExecutable() {
        return require(WORKER_EXECUTABLE);
    }

    public Path bridgeLibrary() {
        return require(BRIDGE_LIBRARY);
    }

    private Path require(String name) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the mediasoup worker is not built: " + file + " is missing."
                    + " Run native/build.sh (./mscluster runs it for you) or point mscluster.native.dir"
                    + " / MSCLUSTER_NATIVE_DIR at a directory holding " + WORKER_EXECUTABLE + ", "
                    + WORKER_LIBRARY + " and " + BRIDGE_LIBRARY + ".");
        }
        return file.toAbsolutePath();
    }
}
