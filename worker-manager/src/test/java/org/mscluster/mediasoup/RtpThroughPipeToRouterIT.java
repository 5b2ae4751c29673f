package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.PipeToRouterOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PipeTransport;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/**
 * Real media through the whole path: RTP from a Java socket into a PlainTransport producer on one
 * worker, through {@code pipeToRouter} (a PipeTransport pair over loopback) to a router on another
 * worker, out of a PlainTransport consumer there to another Java socket. Every packet arrives, with
 * the consumer's SSRC and payload type and the payload as sent.
 */
class RtpThroughPipeToRouterIT {

    private static final int PACKETS = 1000;
    private static final long PACKET_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long PRODUCER_SSRC = 12345678L;
    private static final int PRODUCER_PAYLOAD_TYPE = 111;
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

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @Test
    void rtpFromAPlainProducerReachesAPlainConsumerOnAnotherWorkerIntactAndWithoutLoss() throws Exception {
        Router router1 = await(worker1.createRouter(ROUTER_OPTIONS));
        Router router2 = await(worker2.createRouter(ROUTER_OPTIONS));
        try (DatagramChannel sender = DatagramChannel.open(); DatagramChannel receiver = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress("127.0.0.1", 0));
            receiver.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            int receiverPort = ((InetSocketAddress) receiver.getLocalAddress()).getPort();

            // In: comedia, so the producer side learns the sender's address from its first packet.
            PlainTransport in = await(router1.createPlainTransport(PlainTransportOptions.builder()
                    .listenInfo(ListenInfo.udp("127.0.0.1")).comedia(true).build()));
            Producer producer = await(in.produce(ProducerOptions.of(MediaKind.AUDIO, RtpParameters.builder()
                    .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").payloadType(PRODUCER_PAYLOAD_TYPE)
                            .clockRate(48000).channels(2).build()))
                    .encodings(List.of(RtpEncodingParameters.ofSsrc(PRODUCER_SSRC)))
                    .rtcp(new RtcpParameters("java-sender", true))
                    .build())));
            Producer pipeProducer = await(router1.pipeToRouter(PipeToRouterOptions.builder()
                    .producerId(producer.id()).router(router2).build())).pipeProducer();

            // Out: connected to the receiving socket.
            PlainTransport out = await(router2.createPlainTransport(PlainTransportOptions.builder()
                    .listenInfo(ListenInfo.udp("127.0.0.1")).build()));
            await(out.connect(PlainTransport.ConnectParams.of("127.0.0.1", receiverPort)));
            Consumer consumer = await(out.consume(ConsumerOptions.of(pipeProducer.id(), router2.rtpCapabilities())));
            long consumerSsrc = consumer.rtpParameters().encodings().get(0).ssrc();
            int consumerPayloadType = consumer.rtpParameters().codecs().get(0).payloadType();

            CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> receive(receiver, PACKETS));
            InetSocketAddress producerAddress = new InetSocketAddress("127.0.0.1", in.tuple().localPort());
            long next = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                sender.send(ByteBuffer.wrap(rtpPacket(i)), producerAddress);
                next += PACKET_INTERVAL_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            List<byte[]> packets = received.get(10, TimeUnit.SECONDS);

            assertThat(packets).hasSize(PACKETS);
            for (int i = 0; i < PACKETS; i++) {
                ByteBuffer packet = ByteBuffer.wrap(packets.get(i));
                assertThat(packet.get(1) & 0x7F).as("payload type of packet %d", i).isEqualTo(consumerPayloadType);
                assertThat(packet.getInt(8) & 0xFFFFFFFFL).as("SSRC of packet %d", i).isEqualTo(consumerSsrc);
                assertThat(payloadOf(packets.get(i))).as("payload of packet %d", i).isEqualTo(payload(i));
            }
            assertThat(in.tuple().remotePort()).isEqualTo(((InetSocketAddress) sender.getLocalAddress()).getPort());
        }
    }

    /** Reads {@code count} datagrams, in arrival order; fewer if nothing more comes for 3 s. */
    private static List<byte[]> receive(DatagramChannel channel, int count) {
        List<byte[]> packets = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            channel.configureBlocking(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (packets.size() < count && System.nanoTime() < deadline) {
                buffer.clear();
                if (channel.receive(buffer) == null) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                buffer.flip();
                // RTCP (types 200-206 in the second byte) may come too; only RTP counts.
                int secondByte = buffer.get(1) & 0xFF;
                if (secondByte >= 200 && secondByte <= 206) {
                    continue;
                }
                byte[] packet = new byte[buffer.remaining()];
                buffer.get(packet);
                packets.add(packet);
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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

    private static byte[] rtpPacket(int index) {
        byte[] payload = payload(index);
        ByteBuffer packet = ByteBuffer.allocate(12 + payload.length);
        packet.put((byte) 0x80).put((byte) PRODUCER_PAYLOAD_TYPE).putShort((short) (1000 + index))
                .putInt(960 * index).putInt((int) PRODUCER_SSRC).put(payload);
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
