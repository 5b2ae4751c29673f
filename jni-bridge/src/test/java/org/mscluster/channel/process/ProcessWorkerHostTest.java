package org.mscluster.channel.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.channel.WorkerExit;

/**
 * The host's pipe handling against a stand-in executable (a shell script in the worker's place) that
 * writes its messages and exits at once: the JDK's reaper then races the delivery thread for what is
 * left in the pipe, and every message must still reach the sink, in order, before the exit is reported.
 */
class ProcessWorkerHostTest {

    @TempDir
    Path dir;

    @Test
    void theTestsReadPipesAsTheCliDoes() {
        assertThat(ProcessPipes.direct()).as("--add-opens java.base/java.io=ALL-UNNAMED (mscluster.test.argLine)").isTrue();
    }

    @ParameterizedTest(name = "pipe read directly: {0}")
    @ValueSource(booleans = {true, false})
    void everyMessageWrittenBeforeAnExitIsDelivered(boolean directPipe) throws Exception {
        Random random = new Random(11);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] body = new byte[random.nextInt(400)];
            random.nextBytes(body);
            sent.add(body);
        }
        Path frames = dir.resolve("frames");
        Files.write(frames, FrameReaderTest.frames(sent));
        Path executable = dir.resolve(NativeBinaries.WORKER_EXECUTABLE);
        Files.writeString(executable, "#!/bin/sh\ncat '" + frames + "' >&4\nexit 3\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));

        for (int run = 0; run < 5; run++) {
            List<byte[]> received = new CopyOnWriteArrayList<>();
            ProcessWorkerHost host = ProcessWorkerHost.start(new NativeBinaries(dir), List.of(), "3.27.1", message -> {
                byte[] body = new byte[message.remaining()];
                message.get(body);
                received.add(body);
            }, directPipe);
            WorkerExit exit = host.exit().get(20, TimeUnit.SECONDS);
            assertThat(exit.code()).isEqualTo(3);
            assertThat(received).as("run %d", run).hasSameSizeAs(sent);
            for (int i = 0; i < sent.size(); i++) {
                assertThat(received.get(i)).as("message %d of run %d", i, run).isEqualTo(sent.get(i));
            }
        }
    }

    @ParameterizedTest(name = "pipe read directly: {0}")
    @ValueSource(booleans = {true, false})
    void aCorruptStreamEndsTheWorker(boolean directPipe) throws Exception {
        Path executable = dir.resolve(NativeBinaries.WORKER_EXECUTABLE);
        // A negative size, then the "worker" would run on for a minute: the host must not wait for it.
        Files.writeString(executable, "#!/bin/sh\nprintf '\\377\\377\\377\\377' >&4\nexec sleep 60\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));
        ProcessWorkerHost host = ProcessWorkerHost.start(new NativeBinaries(dir), List.of(), "3.27.1", ByteBuffer::remaining, directPipe);
        WorkerExit exit = host.exit().get(10, TimeUnit.SECONDS);
        assertThat(exit.describe()).contains("SIGKILL");
    }
}
