package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mscluster.mediasoup.Futures.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.consumer.ConsumerTraceEventData;
import org.mscluster.mediasoup.consumer.ConsumerTraceEventType;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserver;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserverDominantSpeaker;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserverOptions;
import org.mscluster.mediasoup.observer.AudioLevelObserver;
import org.mscluster.mediasoup.observer.AudioLevelObserverOptions;
import org.mscluster.mediasoup.observer.AudioLevelObserverVolume;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.producer.ProducerTraceEventData;
import org.mscluster.mediasoup.producer.ProducerTraceEventType;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.worker.Worker;

/**
 * Real audio through the worker, beyond what the jest suite checks: RTP packets carrying the
 * {@code ssrc-audio-level} header extension are injected into producers of a DirectTransport, and
 * the RTP observers, producer and consumer events must report what the packets say. This is what
 * proves the notification parsing of those classes against the worker's own output, not only
 * against notifications built by the tests.
 */
class RtpObserverMediaIT {

    private static final int PAYLOAD_TYPE = 111;
    private static final int AUDIO_LEVEL_EXTENSION_ID = 12;

    private Worker worker;
    private Router router;
    private DirectTransport transport;
    private final AtomicBoolean sending = new AtomicBoolean(true);

    @BeforeEach
    void createTransport() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter(JsLiterals.read(RouterOptions.class,
                "{ mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] }")));
        transport = await(router.createDirectTransport());
    }

    @AfterEach
    void closeWorker() throws Exception {
        sending.set(false);
        try {
            NoLeftovers.assertClean(worker);
        } finally {
            TestWorkers.close(worker);
        }
    }

    private Producer audioProducer(long ssrc) throws Exception {
        return await(transport.produce(JsLiterals.read(ProducerOptions.class, """
                {
                    kind: 'audio',
                    rtpParameters: {
                        codecs: [{ mimeType: 'audio/opus', payloadType: %d, clockRate: 48000, channels: 2 }],
                        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: %d }],
                        encodings: [{ ssrc: %d }],
                        rtcp: { cname: 'audio-%d' },
                    },
                }""".formatted(PAYLOAD_TYPE, AUDIO_LEVEL_EXTENSION_ID, ssrc, ssrc))));
    }

    /** Sends 20 ms audio packets at {@code -dBov} level from each producer, on a thread of its own, until the test ends. */
    private void speak(Map<Producer, Integer> levels) {
        Map<Producer, AtomicInteger> changeable = new java.util.HashMap<>();
        levels.forEach((producer, level) -> changeable.put(producer, new AtomicInteger(level)));
        speakChanging(changeable);
    }

    /** As {@link #speak}, with levels the test may change while packets flow. */
    private void speakChanging(Map<Producer, AtomicInteger> levels) {
        Thread sender = new Thread(() -> {
            int sequenceNumber = 0;
            while (sending.get()) {
                sequenceNumber++;
                for (Map.Entry<Producer, AtomicInteger> entry : levels.entrySet()) {
                    Producer producer = entry.getKey();
                    if (producer.closed()) {
                        continue;
                    }
                    long ssrc = producer.rtpParameters().encodings().get(0).ssrc();
                    producer.send(audioPacket(sequenceNumber, sequenceNumber * 960L, ssrc, entry.getValue().get()));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rtp-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** An Opus RTP packet with an RFC 6464 audio level (voice activity set) in a one-byte header extension. */
    static byte[] audioPacket(int sequenceNumber, long timestamp, long ssrc, int minusDbov) {
        ByteBuffer packet = ByteBuffer.allocate(12 + 8 + 4);
        packet.put((byte) 0x90).put((byte) PAYLOAD_TYPE).putShort((short) sequenceNumber)
                .putInt((int) timestamp).putInt((int) ssrc);
        packet.putShort((short) 0xBEDE).putShort((short) 1);
        packet.put((byte) (AUDIO_LEVEL_EXTENSION_ID << 4)).put((byte) (0x80 | minusDbov)).put((byte) 0).put((byte) 0);
        packet.put((byte) 0xFC).put((byte) 0x01).put((byte) 0x02).put((byte) 0x03);
        return packet.array();
    }

    @Test
    void audioLevelObserverEmitsVolumesForAudioCarryingTheSsrcAudioLevelExtension() throws Exception {
        Producer loud = audioProducer(11111111L);
        Producer quiet = audioProducer(22222222L);
        AudioLevelObserver audioLevelObserver = await(router.createAudioLevelObserver(
                AudioLevelObserverOptions.defaults().withMaxEntries(2).withThreshold(-70).withInterval(200)));
        await(audioLevelObserver.addProducer(loud.id()));
        await(audioLevelObserver.addProducer(quiet.id()));
        List<List<AudioLevelObserverVolume>> volumes = new CopyOnWriteArrayList<>();
        List<List<AudioLevelObserverVolume>> observerVolumes = new CopyOnWriteArrayList<>();
        audioLevelObserver.on(AudioLevelObserver.VOLUMES, volumes::add);
        audioLevelObserver.observer().on(AudioLevelObserver.OBSERVER_VOLUMES, observerVolumes::add);

        speak(Map.of(loud, 10, quiet, 40));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !volumes.isEmpty());
        List<AudioLevelObserverVolume> first = volumes.get(0);
        // Loudest first; volumes are the averages of the levels the packets carried.
        assertThat(first).extracting(AudioLevelObserverVolume::producer).containsExactly(loud, quiet);
        assertThat(first).extracting(AudioLevelObserverVolume::volume).containsExactly(-10, -40);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !observerVolumes.isEmpty());
    }

    /** The worker starts silent and says {@code silence} only when audio falls under the threshold. */
    @Test
    void audioLevelObserverEmitsSilenceWhenAudioFallsUnderTheThreshold() throws Exception {
        Producer speaker = audioProducer(33333333L);
        AudioLevelObserver audioLevelObserver = await(router.createAudioLevelObserver(
                AudioLevelObserverOptions.defaults().withThreshold(-50).withInterval(200)));
        await(audioLevelObserver.addProducer(speaker.id()));
        CompletableFuture<Void> volumes = new CompletableFuture<>();
        CompletableFuture<Void> silence = new CompletableFuture<>();
        AtomicInteger observerSilence = new AtomicInteger();
        audioLevelObserver.once(AudioLevelObserver.VOLUMES, list -> volumes.complete(null));
        audioLevelObserver.once(AudioLevelObserver.SILENCE, nothing -> silence.complete(null));
        audioLevelObserver.observer().on(AudioLevelObserver.OBSERVER_SILENCE, nothing -> observerSilence.incrementAndGet());
        AtomicInteger level = new AtomicInteger(20);

        speakChanging(Map.of(speaker, level));
        await(volumes);
        assertThat(silence).isNotDone();
        level.set(90);

        await(silence);
        // The observer's silence follows the event's on the channel thread, after this thread was woken.
        Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(observerSilence).hasPositiveValue());
    }

    @Test
    void activeSpeakerObserverEmitsTheDominantSpeaker() throws Exception {
        Producer speaker = audioProducer(44444444L);
        Producer listener = audioProducer(55555555L);
        ActiveSpeakerObserver activeSpeakerObserver = await(router.createActiveSpeakerObserver(
                ActiveSpeakerObserverOptions.defaults().withInterval(100)));
        await(activeSpeakerObserver.addProducer(speaker.id()));
        await(activeSpeakerObserver.addProducer(listener.id()));
        List<ActiveSpeakerObserverDominantSpeaker> dominantSpeakers = new CopyOnWriteArrayList<>();
        activeSpeakerObserver.on(ActiveSpeakerObserver.DOMINANT_SPEAKER, dominantSpeakers::add);

        speak(Map.of(speaker, 5, listener, 127));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !dominantSpeakers.isEmpty());
        assertThat(dominantSpeakers.get(dominantSpeakers.size() - 1).producer()).isSameAs(speaker);
    }

    @Test
    void producerAndConsumerRtpTracesAndTheConsumersRtpEventCarryThePackets() throws Exception {
        Producer producer = audioProducer(66666666L);
        DirectTransport consumerTransport = await(router.createDirectTransport());
        Consumer consumer = await(consumerTransport.consume(ConsumerOptions.of(producer.id(), router.rtpCapabilities())));
        List<ProducerTraceEventData> producerTraces = new CopyOnWriteArrayList<>();
        List<ConsumerTraceEventData> consumerTraces = new CopyOnWriteArrayList<>();
        List<byte[]> consumerPackets = new CopyOnWriteArrayList<>();
        producer.on(Producer.TRACE, producerTraces::add);
        consumer.on(Consumer.TRACE, consumerTraces::add);
        consumer.on(Consumer.RTP, consumerPackets::add);
        await(producer.enableTraceEvent(List.of(ProducerTraceEventType.RTP)));
        await(consumer.enableTraceEvent(List.of(ConsumerTraceEventType.RTP)));

        speak(Map.of(producer, 20));

        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !producerTraces.isEmpty() && !consumerTraces.isEmpty() && !consumerPackets.isEmpty());
        ProducerTraceEventData producerTrace = producerTraces.get(0);
        assertThat(producerTrace.type()).isEqualTo(ProducerTraceEventType.RTP);
        assertThat(producerTrace.direction()).isEqualTo("in");
        assertThat(producerTrace.info()).containsEntry("isRtx", false);
        assertThat(rtpPacketOf(producerTrace.info())).containsEntry("ssrc", 66666666L).containsEntry("payloadType", PAYLOAD_TYPE);

        long consumerSsrc = consumer.rtpParameters().encodings().get(0).ssrc();
        int consumerPayloadType = consumer.rtpParameters().codecs().get(0).payloadType();
        ConsumerTraceEventData consumerTrace = consumerTraces.get(0);
        assertThat(consumerTrace.type()).isEqualTo(ConsumerTraceEventType.RTP);
        assertThat(consumerTrace.direction()).isEqualTo("out");
        assertThat(rtpPacketOf(consumerTrace.info()))
                .containsEntry("ssrc", consumerSsrc).containsEntry("payloadType", consumerPayloadType);

        // The consumer sends with its own SSRC and payload type, the payload untouched.
        ByteBuffer packet = ByteBuffer.wrap(consumerPackets.get(0));
        assertThat(packet.get(1) & 0x7F).isEqualTo(consumerPayloadType);
        assertThat(packet.getInt(8) & 0xFFFFFFFFL).isEqualTo(consumerSsrc);
        byte[] payload = java.util.Arrays.copyOfRange(consumerPackets.get(0), consumerPackets.get(0).length - 4,
                consumerPackets.get(0).length);
        assertThat(payload).containsExactly(0xFC, 0x01, 0x02, 0x03);
        assertThat(consumer.kind()).isEqualTo(MediaKind.AUDIO);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rtpPacketOf(Map<String, Object> info) {
        return (Map<String, Object>) info.get("rtpPacket");
    }
}
