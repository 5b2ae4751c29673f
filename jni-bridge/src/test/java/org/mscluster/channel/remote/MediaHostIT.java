package org.mscluster.channel.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import FBS.Notification.Event;
import FBS.Request.Method;
import FBS.Response.Response;
import FBS.Worker.DumpResponse;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mscluster.channel.Channel;
import org.mscluster.channel.MediasoupVersion;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.channel.WorkerExit;

/**
 * A media host and remote worker hosts over loopback, with real worker processes: the channel works
 * across the link, a worker's end and a link's end reach the other side, and whatever is not an
 * authenticated client of the protocol is refused while the host keeps serving.
 */
class MediaHostIT {

    private static final byte[] SECRET = "a-secret-of-the-test-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final List<String> ARGS = List.of("--logLevel=warn");

    @TempDir
    Path certificates;

    private MediaHost host;

    @AfterEach
    void closeHost() {
        if (host != null) {
            host.close();
        }
    }

    private MediaHost startHost(int workers, Path certificate, Path key) throws Exception {
        host = MediaHost.start(new MediaHostSettings("host-a", "127.0.0.1", 0, null, workers, 45000, SECRET, certificate, key,
                NativeBinaries.locate(), MediasoupVersion.get(), Duration.ofMillis(800)));
        return host;
    }

    private RemoteEndpoint endpoint(byte[] secret, boolean tls, Path trusted) {
        return new RemoteEndpoint("127.0.0.1", host.port(), tls, trusted, secret, "node-test");
    }

    private static Channel channel(RemoteEndpoint endpoint) {
        return new Channel("remote", sink -> RemoteWorkerHost.start(endpoint, ARGS, MediasoupVersion.get(), sink));
    }

    @Test
    void aRemoteWorkerAnswersItsChannelAndClosesCleanly() throws Exception {
        startHost(2, null, null);
        Channel channel = channel(endpoint(SECRET, false, null));
        channel.running().get(10, TimeUnit.SECONDS);
        RemoteWorkerHost remote = (RemoteWorkerHost) channel.host();

        Response response = channel.request(Method.WORKER_DUMP, null).get(5, TimeUnit.SECONDS);
        DumpResponse dump = (DumpResponse) response.body(new DumpResponse());

        assertThat(dump.pid()).isEqualTo(remote.pid());
        assertThat(ProcessHandle.of(remote.pid()).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                .contains(ProcessHandle.current().pid());
        assertThat(remote.info().rtcPort()).isEqualTo(45000 + remote.info().slot());
        assertThat(host.links()).singleElement().satisfies(link -> assertThat(link.client()).startsWith("node-test"));
        await().atMost(Duration.ofSeconds(3)).until(() -> remote.stats().rttNanos() > 0 && remote.stats().workerCpuNanos() >= 0);

        channel.notifyLast(Event.WORKER_CLOSE, null);
        WorkerExit exit = remote.exit().get(10, TimeUnit.SECONDS);
        assertThat(exit.clean()).as(exit.describe()).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> host.links().isEmpty());
    }

    @Test
    void aKilledWorkerEndsItsLinkWithTheSignalAndFreesTheSlot() throws Exception {
        startHost(1, null, null);
        Channel channel = channel(endpoint(SECRET, false, null));
        channel.running().get(10, TimeUnit.SECONDS);
        RemoteWorkerHost remote = (RemoteWorkerHost) channel.host();

        ProcessHandle.of(remote.pid()).orElseThrow().destroyForcibly();

        WorkerExit exit = remote.exit().get(2, TimeUnit.SECONDS);
        assertThat(exit.signal()).isEqualTo("SIGKILL");
        assertThat(channel.closed()).isTrue();
        // The one slot is free again: a new link gets a worker.
        Channel next = channel(endpoint(SECRET, false, null));
        next.running().get(10, TimeUnit.SECONDS);
        ((RemoteWorkerHost) next.host()).kill();
        assertThat(next.host().exit().get(5, TimeUnit.SECONDS).signal()).isEqualTo("SIGKILL");
    }

    @Test
    void aLostLinkClosesTheWorkerOnTheHost() throws Exception {
        startHost(1, null, null);
        long pid;
        try (Socket socket = new Socket("127.0.0.1", host.port())) {
            LinkControl hello = readControl(socket.getInputStream());
            writeControl(socket.getOutputStream(), LinkControl.of(LinkControl.AUTH)
                    .put("proof", LinkAuth.proof(SECRET, hello.text("nonce"))).put("args", ARGS));
            LinkControl ready = readControl(socket.getInputStream());
            assertThat(ready.type()).isEqualTo(LinkControl.READY);
            pid = ready.number("pid", -1);
            assertThat(ProcessHandle.of(pid)).isPresent();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        await().atMost(Duration.ofSeconds(2)).until(() -> host.links().isEmpty());
    }

    @Test
    void aWrongSecretIsRefusedAndTheHostKeepsServing() throws Exception {
        startHost(1, null, null);
        Channel wrong = channel(endpoint("not-the-secret-of-this-host".getBytes(StandardCharsets.UTF_8), false, null));

        WorkerExit exit = wrong.host().exit().get(5, TimeUnit.SECONDS);
        assertThat(exit.describe()).contains("refused: wrong secret");
        assertThat(host.links()).isEmpty();
        assertServes();
    }

    @Test
    void aSecondClientOfAFullHostIsRefused() throws Exception {
        startHost(1, null, null);
        Channel first = channel(endpoint(SECRET, false, null));
        first.running().get(10, TimeUnit.SECONDS);

        Channel second = channel(endpoint(SECRET, false, null));
        assertThat(second.host().exit().get(5, TimeUnit.SECONDS).describe()).contains("workers of this host are in use");
        first.notifyLast(Event.WORKER_CLOSE, null);
        first.host().exit().get(5, TimeUnit.SECONDS);
    }

    @Test
    void garbageOversizedFramesAndSilenceAreRefused() throws Exception {
        startHost(1, null, null);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[3] = 0x7f; // a size far over the limit, whatever the rest says
        assertClosedAfter(noise);
        // A 100 MB channel frame announced: refused on its header, before any of it is buffered.
        assertClosedAfter(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(100 * 1024 * 1024).putInt(0).array());
        // A channel frame before authenticating.
        assertClosedAfter(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(4).putInt(42).array());
        // Nothing at all: dropped at the authentication deadline.
        assertClosedAfter(new byte[0]);
        assertServes();
    }

    @Test
    void tlsLinksWorkAndAMismatchIsRefusedOnBothSides() throws Exception {
        Path certificate = certificates.resolve("cert.pem");
        Path key = certificates.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-subj", "/CN=media-host", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2",
                "-keyout", key.toString(), "-out", certificate.toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor()).as(new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        startHost(1, certificate, key);

        Channel plainAgainstTls = channel(endpoint(SECRET, false, null));
        assertThat(plainAgainstTls.host().exit().get(10, TimeUnit.SECONDS).code()).isEqualTo(-1);

        Channel untrusted = channel(endpoint(SECRET, true, null));
        assertThat(untrusted.host().exit().get(10, TimeUnit.SECONDS).describe()).containsIgnoringCase("link to media host");

        Channel tls = channel(endpoint(SECRET, true, certificate));
        tls.running().get(10, TimeUnit.SECONDS);
        assertThat(tls.request(Method.WORKER_DUMP, null).get(5, TimeUnit.SECONDS).accepted()).isTrue();
        tls.notifyLast(Event.WORKER_CLOSE, null);
        assertThat(tls.host().exit().get(10, TimeUnit.SECONDS).clean()).isTrue();

        host.close();
        startHost(1, null, null);
        Channel tlsAgainstPlain = channel(endpoint(SECRET, true, certificate));
        assertThat(tlsAgainstPlain.host().exit().get(10, TimeUnit.SECONDS).code()).isEqualTo(-1);
        assertServes();
    }

    /** A good client still gets a worker that answers. */
    private void assertServes() throws Exception {
        Channel good = channel(endpoint(SECRET, false, null));
        good.running().get(10, TimeUnit.SECONDS);
        assertThat(good.request(Method.WORKER_DUMP, null).get(5, TimeUnit.SECONDS).accepted()).isTrue();
        good.notifyLast(Event.WORKER_CLOSE, null);
        assertThat(good.host().exit().get(10, TimeUnit.SECONDS).clean()).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> host.links().isEmpty());
    }

    private void assertClosedAfter(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            readControl(in); // the hello
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            // Whatever the host answers (a refusal at most), the connection ends.
            byte[] sink = new byte[1024];
            while (in.read(sink) >= 0) {
                // drained
            }
        }
        assertThat(host.links()).isEmpty();
    }

    private static LinkControl readControl(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int header = Integer.reverseBytes(data.readInt());
        assertThat(header & LinkFrames.CONTROL_FLAG).isNotZero();
        byte[] json = new byte[header & ~LinkFrames.CONTROL_FLAG];
        data.readFully(json);
        return LinkControl.parse(new String(json, StandardCharsets.UTF_8));
    }

    private static void writeControl(OutputStream out, LinkControl control) throws IOException {
        byte[] json = control.toJson().getBytes(StandardCharsets.UTF_8);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(LinkFrames.CONTROL_FLAG | json.length).array());
        out.write(json);
        out.flush();
    }

}
