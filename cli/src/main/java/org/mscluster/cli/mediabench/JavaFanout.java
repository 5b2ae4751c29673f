package org.mscluster.cli.mediabench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/** The fan-out through this project's Java API, on a worker in this process or in a child process. */
public final class JavaFanout implements Fanout {

    static final RouterOptions ROUTER_OPTIONS = RouterOptions.of(List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP8").clockRate(90000).build()));

    private static final PlainTransportOptions CONSUMING = PlainTransportOptions.builder()
            .listenInfo(ListenInfo.udp("127.0.0.1")).rtcpMux(true).comedia(false).build();

    private final Worker worker;
    private final Router router;
    private final PlainTransport producing;
    private final Producer audio;
    private final Producer video;
    private final List<PlainTransport> consuming = new ArrayList<>();
    private final RtpCapabilities receiver;

    public JavaFanout(Worker worker) throws Exception {
        this.worker = worker;
        this.router = worker.createRouter(ROUTER_OPTIONS).get(10, TimeUnit.SECONDS);
        ClipProducers producers = ClipProducers.create(router);
        this.producing = producers.transport();
        this.audio = producers.audio();
        this.video = producers.video();
        this.receiver = withoutBandwidthEstimation(router.rtpCapabilities());
    }

    /**
     * The router's capabilities without transport-cc, REMB and their header extensions: the receiver
     * sends no feedback, and a consumer estimating bandwidth without any would send probation padding
     * that no real receiver would get. bench/node/media.mjs asks for the same.
     */
    static RtpCapabilities withoutBandwidthEstimation(RtpCapabilities capabilities) {
        List<RtpCodecCapability> codecs = capabilities.codecs().stream()
                .map(codec -> codec.withRtcpFeedback(codec.rtcpFeedback().stream()
                        .filter(fb -> !fb.type().equals("transport-cc") && !fb.type().equals("goog-remb")).toList()))
                .toList();
        return new RtpCapabilities(codecs, List.of());
    }

    @Override
    public int producerPort() {
        return producing.tuple().localPort();
    }

    @Override
    public List<ConsumerStream> addTransports(int count, int receiverPort) throws Exception {
        List<CompletableFuture<List<Consumer>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(router.createPlainTransport(CONSUMING).thenCompose(transport -> {
                synchronized (consuming) {
                    consuming.add(transport);
                }
                return transport.connect(PlainTransport.ConnectParams.of("127.0.0.1", receiverPort))
                        .thenCompose(connected -> transport.consume(ConsumerOptions.of(video.id(), receiver)))
                        .thenCompose(videoConsumer -> transport.consume(ConsumerOptions.of(audio.id(), receiver))
                                .thenApply(audioConsumer -> List.of(videoConsumer, audioConsumer)));
            }));
        }
        List<ConsumerStream> streams = new ArrayList<>();
        for (CompletableFuture<List<Consumer>> each : pending) {
            for (Consumer consumer : each.get(60, TimeUnit.SECONDS)) {
                streams.add(new ConsumerStream(consumer.rtpParameters().encodings().get(0).ssrc(), consumer.kind() == MediaKind.VIDEO));
            }
        }
        return streams;
    }

    @Override
    public long workerCpuNanos() throws Exception {
        return ProcessCpu.ofWorker(worker);
    }

    @Override
    public String description() {
        return "java " + worker.mode().cliName();
    }

    @Override
    public void close() {
        router.close();
    }
}
