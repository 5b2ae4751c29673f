package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mscluster.mediasoup.Futures.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataConsumerMessage;
import org.mscluster.mediasoup.data.DataConsumerOptions;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.observer.AudioLevelObserver;
import org.mscluster.mediasoup.observer.AudioLevelObserverOptions;
import org.mscluster.mediasoup.observer.AudioLevelObserverVolume;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.PipeToRouterOptions;
import org.mscluster.mediasoup.router.PipeToRouterResult;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionUri;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.rtp.RtpStreamRecvStats;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/**
 * Real media through the real worker, on loopback: RTP from a Java {@link DatagramChannel} into a
 * PlainTransport producer, through {@code pipeToRouter} to another router (on another worker or on
 * the same one) and out of a PlainTransport consumer to another Java socket, every packet intact
 * and in sequence at 1,000 packets/s; an AudioLevelObserver hearing the {@code ssrc-audio-level}
 * header extension; data messages from a DataProducer to a DataConsumer over a DirectTransport.
 * Each test ends with both workers holding nothing ({@link NoLeftovers}).
 */
class MediaFlowIT {

    private static final int PACKETS = 2_000;
    private static final long PACKET_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long PRODUCER_SSRC = 0x11223344L;
    private static final int OPUS_SAMPLES_PER_PACKET = 960;
    private static final int FIRST_SEQUENCE_NUMBER = 65_000; // wraps around during the run
    private static final int AUDIO_LEVEL_EXTENSION_ID = 1;
    private static final RouterOptions ROUTER_OPTIONS = RouterOptions.of(List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP8").clockRate(90000).build()));

    private Worker worker1;
    private Worker worker2;

    @BeforeEach
    void startWorkers() throws Exception {
        worker1 = TestWorkers.start();
        worker2 = TestWorkers.start();
    }

    @AfterEach
    void closeWorkers() throws Exception {
        try {
            NoLeftovers.assertClean(worker1);
            NoLeftovers.assertClean(worker2);
        } finally {
            TestWorkers.close(worker1);
            TestWorkers.close(worker2);
        }
    }

    @ParameterizedTest(name = "comedia {0}")
    @ValueSource(booleans = {false, true})
    void rtpReachesAConsumerOnAnotherWorkerIntactInSequenceAndWithoutLoss(boolean comedia) throws Exception {
        Router routerA = await(worker1.createRouter(ROUTER_OPTIONS));
        Router routerB = await(worker2.createRouter(ROUTER_OPTIONS));

        flow(routerA, routerB, true, comedia, 100);
    }

    /** Both routers on one worker: the piped producer cannot keep its id there (as in Node). */
    @Test
    void rtpReachesAConsumerOnAnotherRouterOfTheSameWorker() throws Exception {
        Router routerA = await(worker1.createRouter(ROUTER_OPTIONS));
        Router routerB = await(worker1.createRouter(ROUTER_OPTIONS));

        flow(routerA, routerB, false, false, 111);
    }

    /**
     * Sends {@link #PACKETS} opus packets with payload type {@code producerPayloadType} paced at
     * {@link #PACKET_INTERVAL_NANOS} into a PlainTransport producer on {@code routerA}, and checks
     * what a PlainTransport consumer of the piped producer on {@code routerB} sends to a Java socket.
     */
    private static void flow(Router routerA, Router routerB, boolean keepId, boolean comedia, int producerPayloadType)
            throws Exception {
        try (DatagramChannel sender = DatagramChannel.open(); DatagramChannel receiver = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress("127.0.0.1", 0));
            receiver.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress senderAddress = (InetSocketAddress) sender.getLocalAddress();
            InetSocketAddress receiverAddress = (InetSocketAddress) receiver.getLocalAddress();

            PlainTransport in = await(routerA.createPlainTransport(PlainTransportOptions.builder()
                    .listenInfo(ListenInfo.udp("127.0.0.1")).rtcpMux(true).comedia(comedia).build()));
            if (!comedia) {
                // Without comedia the transport accepts packets only from the address it is connected to.
                await(in.connect(PlainTransport.ConnectParams.of("127.0.0.1", senderAddress.getPort())));
            }
            Producer producer = await(in.produce(ProducerOptions.of(MediaKind.AUDIO, RtpParameters.builder()
                    .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").payloadType(producerPayloadType)
                            .clockRate(48000).channels(2).build()))
                    .encodings(List.of(RtpEncodingParameters.ofSsrc(PRODUCER_SSRC)))
                    .rtcp(new RtcpParameters("java-sender", true))
                    .build())));
            PipeToRouterResult piped = await(routerA.pipeToRouter(PipeToRouterOptions.builder()
                    .producerId(producer.id()).router(routerB).keepId(keepId).build()));
            Producer pipeProducer = piped.pipeProducer();
            assertThat(pipeProducer.id().equals(producer.id())).as("piped producer keeps the id").isEqualTo(keepId);

            PlainTransport out = await(routerB.createPlainTransport(PlainTransportOptions.builder()
                    .listenInfo(ListenInfo.udp("127.0.0.1")).rtcpMux(true).comedia(false).build()));
            await(out.connect(PlainTransport.ConnectParams.of("127.0.0.1", receiverAddress.getPort())));
            Consumer consumer = await(out.consume(ConsumerOptions.of(pipeProducer.id(), routerB.rtpCapabilities())));
            long consumerSsrc = consumer.rtpParameters().encodings().get(0).ssrc();
            int consumerPayloadType = consumer.rtpParameters().codecs().get(0).payloadType();
            int routerOpusPayloadType = routerB.rtpCapabilities().codecs().stream()
                    .filter(codec -> codec.mimeType().equalsIgnoreCase("audio/opus")).findFirst().orElseThrow()
                    .preferredPayloadType();
            assertThat(consumerPayloadType).isEqualTo(routerOpusPayloadType);
            assertThat(consumerSsrc).isNotEqualTo(PRODUCER_SSRC);

            CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> receiveRtp(receiver, PACKETS));
            InetSocketAddress producerAddress = new InetSocketAddress("127.0.0.1", in.tuple().localPort());
            long next = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                sender.send(ByteBuffer.wrap(rtpPacket(producerPayloadType, i, payload(i), null)), producerAddress);
                next += PACKET_INTERVAL_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            List<byte[]> packets = received.get(15, TimeUnit.SECONDS);

            assertThat(packets).as("packets received of %d sent", PACKETS).hasSize(PACKETS);
            for (int i = 0; i < PACKETS; i++) {
                ByteBuffer packet = ByteBuffer.wrap(packets.get(i));
                assertThat(packet.get(0) & 0xC0).as("RTP version of packet %d", i).isEqualTo(0x80);
                assertThat(packet.get(1) & 0x7F).as("payload type of packet %d", i).isEqualTo(consumerPayloadType);
                assertThat(packet.getInt(8) & 0xFFFFFFFFL).as("SSRC of packet %d", i).isEqualTo(consumerSsrc);
                assertThat(payloadOf(packets.get(i))).as("payload of packet %d", i).isEqualTo(payload(i));
                if (i > 0) {
                    ByteBuffer previous = ByteBuffer.wrap(packets.get(i - 1));
                    assertThat((packet.getShort(2) - previous.getShort(2)) & 0xFFFF)
                            .as("sequence number step before packet %d", i).isEqualTo(1);
                    assertThat(packet.getInt(4) - previous.getInt(4))
                            .as("timestamp step before packet %d", i).isEqualTo(OPUS_SAMPLES_PER_PACKET);
                }
            }
            if (comedia) {
                assertThat(in.tuple().remotePort()).as("comedia learnt the sender's port").isEqualTo(senderAddress.getPort());
            }
            RtpStreamRecvStats producerStats = await(producer.getStats()).get(0);
            assertThat(producerStats.packetCount()).isEqualTo(PACKETS);
            assertThat(producerStats.packetsLost()).isZero();
        }
    }

    @Test
    void audioLevelObserverEmitsVolumesForAudioWithTheAudioLevelExtensionAndSilenceAfterIt() throws Exception {
        Router router = await(worker1.createRouter(ROUTER_OPTIONS));
        AudioLevelObserver audioLevelObserver = await(router.createAudioLevelObserver(
                AudioLevelObserverOptions.defaults().withInterval(250)));
        PlainTransport in = await(router.createPlainTransport(PlainTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1")).rtcpMux(true).comedia(true).build()));
        Producer producer = await(in.produce(ProducerOptions.of(MediaKind.AUDIO, RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").payloadType(100)
                        .clockRate(48000).channels(2).build()))
                .headerExtensions(List.of(RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.SSRC_AUDIO_LEVEL,
                        AUDIO_LEVEL_EXTENSION_ID)))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(PRODUCER_SSRC)))
                .rtcp(new RtcpParameters("java-sender", true))
                .build())));
        await(audioLevelObserver.addProducer(producer.id()));
        List<List<AudioLevelObserverVolume>> volumes = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> heard = new CompletableFuture<>();
        CompletableFuture<Void> silence = new CompletableFuture<>();
        audioLevelObserver.on(AudioLevelObserver.VOLUMES, entries -> {
            volumes.add(entries);
            heard.complete(null);
        });
        audioLevelObserver.on(AudioLevelObserver.SILENCE, nothing -> {
            if (heard.isDone()) {
                silence.complete(null);
            }
        });

        try (DatagramChannel sender = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress producerAddress = new InetSocketAddress("127.0.0.1", in.tuple().localPort());
            // Voice at -10 dBov, one packet every 20 ms, until the observer has reported it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (int i = 0; !heard.isDone() && System.nanoTime() < deadline; i++) {
                sender.send(ByteBuffer.wrap(rtpPacket(100, i, payload(i), audioLevel(true, 10))), producerAddress);
                Thread.sleep(20);
            }
            heard.get(1, TimeUnit.SECONDS);
        }

        assertThat(volumes.get(0)).hasSize(1);
        assertThat(volumes.get(0).get(0).producer()).isSameAs(producer);
        assertThat(volumes.get(0).get(0).volume()).isEqualTo(-10);
        // Nothing arrives any more: the next interval reports silence.
        silence.get(3, TimeUnit.SECONDS);
    }

    @Test
    void dataProducerMessagesReachADataConsumerOverADirectTransport() throws Exception {
        Router router = await(worker1.createRouter(ROUTER_OPTIONS));
        DirectTransport transport = await(router.createDirectTransport());
        DataProducer dataProducer = await(transport.produceData(DataProducerOptions.direct()));
        DataConsumer dataConsumer = await(transport.consumeData(DataConsumerOptions.of(dataProducer.id())));
        List<DataConsumerMessage> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> all = new CompletableFuture<>();
        int count = 100;
        dataConsumer.on(DataConsumer.MESSAGE, message -> {
            messages.add(message);
            if (messages.size() == 2 * count + 2) {
                all.complete(null);
            }
        });

        for (int i = 0; i < count; i++) {
            dataProducer.send("text message " + i + " ✓");
            dataProducer.send(binaryMessage(i));
        }
        dataProducer.send("");
        dataProducer.send(new byte[0]);
        all.get(5, TimeUnit.SECONDS);

        for (int i = 0; i < count; i++) {
            DataConsumerMessage text = messages.get(2 * i);
            assertThat(text.ppid()).as("PPID of text message %d", i).isEqualTo(51); // WebRTC String
            assertThat(text.text()).isEqualTo("text message " + i + " ✓");
            DataConsumerMessage binary = messages.get(2 * i + 1);
            assertThat(binary.ppid()).as("PPID of binary message %d", i).isEqualTo(53); // WebRTC Binary
            assertThat(binary.data()).isEqualTo(binaryMessage(i));
        }
        // Empty messages travel as one byte with the "empty" PPIDs, as in Node.
        assertThat(messages.get(2 * count).ppid()).isEqualTo(56);
        assertThat(messages.get(2 * count + 1).ppid()).isEqualTo(57);
        assertThat(await(dataConsumer.getStats()).get(0).messagesSent()).isEqualTo(2L * count + 2);
    }

    /** Every byte value, rotated by {@code index}. */
    private static byte[] binaryMessage(int index) {
        byte[] message = new byte[256];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (i + index);
        }
        return message;
    }

    /**
     * Reads datagrams until {@code count} RTP packets have come, in arrival order; fewer if nothing
     * comes for 3 s. RTCP the consumer sends to the same port (rtcpMux) is skipped.
     */
    private static List<byte[]> receiveRtp(DatagramChannel channel, int count) {
        List<byte[]> packets = new ArrayList<>(count);
        try {
            channel.socket().setSoTimeout(3_000);
            java.net.DatagramPacket datagram = new java.net.DatagramPacket(new byte[2048], 2048);
            while (packets.size() < count) {
                try {
                    channel.socket().receive(datagram);
                } catch (SocketTimeoutException e) {
                    break;
                }
                int packetType = datagram.getData()[1] & 0xFF;
                if (packetType >= 192 && packetType <= 223) {
                    continue; // RTCP (RFC 5761 section 4)
                }
                packets.add(Arrays.copyOf(datagram.getData(), datagram.getLength()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packets;
    }

    /** 160 bytes that tell the packet apart: its index, then a pattern derived from it. */
    private static byte[] payload(int index) {
        byte[] payload = new byte[160];
        ByteBuffer.wrap(payload).putInt(index);
        for (int i = 4; i < payload.length; i++) {
            payload[i] = (byte) (index * 31 + i);
        }
        return payload;
    }

    /** The one-byte header extension element (RFC 6464) of the ssrc-audio-level extension. */
    private static byte[] audioLevel(boolean voice, int minusDbov) {
        return new byte[] {(byte) (AUDIO_LEVEL_EXTENSION_ID << 4), (byte) ((voice ? 0x80 : 0) | minusDbov)};
    }

    /**
     * An RTP packet of {@link #PRODUCER_SSRC}: sequence number and timestamp advance with {@code
     * index}; {@code extensionElements}, if given, go into a one-byte header extension (RFC 8285).
     */
    private static byte[] rtpPacket(int payloadType, int index, byte[] payload, byte[] extensionElements) {
        int extensionWords = extensionElements == null ? 0 : (extensionElements.length + 3) / 4;
        ByteBuffer packet = ByteBuffer.allocate(12 + (extensionElements == null ? 0 : 4 + 4 * extensionWords) + payload.length);
        packet.put((byte) (extensionElements == null ? 0x80 : 0x90)).put((byte) payloadType)
                .putShort((short) (FIRST_SEQUENCE_NUMBER + index))
                .putInt(OPUS_SAMPLES_PER_PACKET * index).putInt((int) PRODUCER_SSRC);
        if (extensionElements != null) {
            packet.putShort((short) 0xBEDE).putShort((short) extensionWords).put(extensionElements);
            packet.position(packet.position() + 4 * extensionWords - extensionElements.length); // zero padding
        }
        packet.put(payload);
        return packet.array();
    }

    /** The payload of an RTP packet: after the fixed header, the CSRCs and the header extension if any. */
    private static byte[] payloadOf(byte[] packet) {
        ByteBuffer buffer = ByteBuffer.wrap(packet);
        int first = buffer.get(0) & 0xFF;
        int offset = 12 + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            int extensionWords = buffer.getShort(offset + 2) & 0xFFFF;
            offset += 4 + 4 * extensionWords;
        }
        int end = packet.length;
        if ((first & 0x20) != 0) {
            end -= packet[packet.length - 1] & 0xFF;
        }
        return Arrays.copyOfRange(packet, offset, end);
    }
}
