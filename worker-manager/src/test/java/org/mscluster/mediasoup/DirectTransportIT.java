package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumerStat;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.data.DataProducerStat;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.DirectTransportDump;
import org.mscluster.mediasoup.transport.DirectTransportOptions;
import org.mscluster.mediasoup.transport.DirectTransportStat;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportType;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-DirectTransport.js}, against the real worker. */
class DirectTransportIT {

    private Worker worker;
    private Router router;

    @BeforeEach
    void createWorkerAndRouter() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter());
    }

    @AfterEach
    void closeWorker() throws Exception {
        try {
            NoLeftovers.assertClean(worker);
        } finally {
            TestWorkers.close(worker);
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @Test
    void createDirectTransportSucceeds() throws Exception {
        List<Transport> newTransports = new ArrayList<>();
        router.observer().once(Router.NEW_TRANSPORT, newTransports::add);

        DirectTransport transport = await(router.createDirectTransport(DirectTransportOptions.builder()
                .maxSendMessageSize(1024).maxReceiveMessageSize(1024).appData(Map.of("foo", "bar")).build()));

        assertThat(await(router.dump()).transportIds()).containsExactly(transport.id());
        assertThat(newTransports).containsExactly(transport);
        assertThat(transport.id()).isNotBlank();
        assertThat(transport.type()).isEqualTo(TransportType.DIRECT);
        assertThat(transport.closed()).isFalse();
        assertThat(transport.appData()).isEqualTo(Map.of("foo", "bar"));

        DirectTransportDump dump = await(transport.dump());
        assertThat(dump.id()).isEqualTo(transport.id());
        assertThat(dump.producerIds()).isEmpty();
        assertThat(dump.consumerIds()).isEmpty();
        assertThat(dump.dataProducerIds()).isEmpty();
        assertThat(dump.dataConsumerIds()).isEmpty();
        assertThat(dump.recvRtpHeaderExtensions()).isNotNull();
        assertThat(dump.rtpListener()).isNotNull();

        transport.close();
        assertThat(transport.closed()).isTrue();
    }

    @Test
    void getStatsSucceeds() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());

        List<DirectTransportStat> stats = await(transport.getStats());

        assertThat(stats).hasSize(1);
        DirectTransportStat stat = stats.get(0);
        assertThat(stat.type()).isEqualTo("direct-transport");
        assertThat(stat.transportId()).isEqualTo(transport.id());
        assertThat(stat.timestamp()).isPositive();
        assertThat(stat.bytesReceived()).isZero();
        assertThat(stat.recvBitrate()).isZero();
        assertThat(stat.bytesSent()).isZero();
        assertThat(stat.sendBitrate()).isZero();
        assertThat(stat.rtpBytesReceived()).isZero();
        assertThat(stat.rtpRecvBitrate()).isZero();
        assertThat(stat.rtpBytesSent()).isZero();
        assertThat(stat.rtpSendBitrate()).isZero();
        assertThat(stat.rtxBytesReceived()).isZero();
        assertThat(stat.rtxRecvBitrate()).isZero();
        assertThat(stat.rtxBytesSent()).isZero();
        assertThat(stat.rtxSendBitrate()).isZero();
        assertThat(stat.probationBytesSent()).isZero();
        assertThat(stat.probationSendBitrate()).isZero();
    }

    @Test
    void connectSucceeds() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        assertThat(await(transport.connect())).isNull();
    }

    /** Not a jest test: Node's DirectTransport refuses bitrate limits with UnsupportedError. */
    @Test
    void bitrateLimitsAreUnsupported() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        assertThatThrownBy(() -> await(transport.setMaxIncomingBitrate(1000))).hasCauseInstanceOf(UnsupportedError.class);
        assertThatThrownBy(() -> await(transport.setMaxOutgoingBitrate(1000))).hasCauseInstanceOf(UnsupportedError.class);
        assertThatThrownBy(() -> await(transport.setMinOutgoingBitrate(1000))).hasCauseInstanceOf(UnsupportedError.class);
    }

    @Test
    void dataProducerSendSucceeds() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        DataProducer dataProducer = await(transport.produceData(DataProducerOptions.builder()
                .label("foo").protocol("bar").appData(Map.of("foo", "bar")).build()));
        DataConsumer dataConsumer = await(transport.consumeData(DataConsumerOptions.of(dataProducer.id())));
        int numMessages = 200;
        int pauseSendingAtMessage = 10;
        int resumeSendingAtMessage = 20;
        int pauseReceivingAtMessage = 40;
        int resumeReceivingAtMessage = 60;
        int expectedReceivedNumMessages = numMessages
                - (resumeSendingAtMessage - pauseSendingAtMessage)
                - (resumeReceivingAtMessage - pauseReceivingAtMessage);
        long sentMessageBytes = 0;
        long effectivelySentMessageBytes = 0;
        AtomicLong recvMessageBytes = new AtomicLong();
        AtomicInteger numReceivedMessages = new AtomicInteger();
        List<String> wrongPpids = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> lastReceived = new CompletableFuture<>();
        dataConsumer.on(DataConsumer.MESSAGE, message -> {
            numReceivedMessages.incrementAndGet();
            recvMessageBytes.addAndGet(message.data().length);
            int id = Integer.parseInt(message.text());
            if (id == numMessages) {
                lastReceived.complete(null);
            } else if (id < numMessages / 2 && message.ppid() != 51) {
                // PPID of WebRTC DataChannel string.
                wrongPpids.add(id + ":" + message.ppid());
            } else if (id > numMessages / 2 && message.ppid() != 53) {
                // PPID of WebRTC DataChannel binary.
                wrongPpids.add(id + ":" + message.ppid());
            }
        });

        for (int id = 1; id <= numMessages; id++) {
            if (id == pauseSendingAtMessage) {
                await(dataProducer.pause());
            } else if (id == resumeSendingAtMessage) {
                await(dataProducer.resume());
            } else if (id == pauseReceivingAtMessage) {
                await(dataConsumer.pause());
            } else if (id == resumeReceivingAtMessage) {
                await(dataConsumer.resume());
            }
            byte[] bytes = String.valueOf(id).getBytes(StandardCharsets.UTF_8);
            if (id < numMessages / 2) {
                // Send string (WebRTC DataChannel string).
                dataProducer.send(String.valueOf(id));
            } else {
                // Send binary (WebRTC DataChannel binary).
                dataProducer.send(bytes);
            }
            sentMessageBytes += bytes.length;
            if (!dataProducer.paused() && !dataConsumer.paused()) {
                effectivelySentMessageBytes += bytes.length;
            }
        }
        await(lastReceived);

        assertThat(wrongPpids).isEmpty();
        assertThat(numReceivedMessages).hasValue(expectedReceivedNumMessages);
        assertThat(recvMessageBytes).hasValue(effectivelySentMessageBytes);
        DataProducerStat producerStat = await(dataProducer.getStats()).get(0);
        assertThat(producerStat.type()).isEqualTo("data-producer");
        assertThat(producerStat.label()).isEqualTo(dataProducer.label());
        assertThat(producerStat.protocol()).isEqualTo(dataProducer.protocol());
        assertThat(producerStat.messagesReceived()).isEqualTo(numMessages);
        assertThat(producerStat.bytesReceived()).isEqualTo(sentMessageBytes);
        DataConsumerStat consumerStat = await(dataConsumer.getStats()).get(0);
        assertThat(consumerStat.type()).isEqualTo("data-consumer");
        assertThat(consumerStat.label()).isEqualTo(dataConsumer.label());
        assertThat(consumerStat.protocol()).isEqualTo(dataConsumer.protocol());
        assertThat(consumerStat.messagesSent()).isEqualTo(expectedReceivedNumMessages);
        assertThat(consumerStat.bytesSent()).isEqualTo(recvMessageBytes.get());
    }

    @Test
    void dataProducerSendWithSubchannelsSucceeds() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        DataProducer dataProducer = await(transport.produceData(DataProducerOptions.direct()));
        DataConsumer dataConsumer1 = await(transport.consumeData(DataConsumerOptions.builder()
                .dataProducerId(dataProducer.id()).subchannels(List.of(1, 11, 666)).build()));
        DataConsumer dataConsumer2 = await(transport.consumeData(DataConsumerOptions.builder()
                .dataProducerId(dataProducer.id()).subchannels(List.of(2, 22, 666)).build()));
        int expectedReceivedNumMessages1 = 7;
        int expectedReceivedNumMessages2 = 5;
        List<String> receivedMessages1 = new CopyOnWriteArrayList<>();
        List<String> receivedMessages2 = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> allReceived = new CompletableFuture<>();
        Runnable checkDone = () -> {
            if (receivedMessages1.size() == expectedReceivedNumMessages1
                    && receivedMessages2.size() == expectedReceivedNumMessages2) {
                allReceived.complete(null);
            }
        };

        // Node adds the listeners after sending, in the same tick; here messages may arrive at once.
        dataConsumer1.on(DataConsumer.MESSAGE, message -> {
            receivedMessages1.add(message.text());
            checkDone.run();
        });
        dataConsumer2.on(DataConsumer.MESSAGE, message -> {
            receivedMessages2.add(message.text());
            checkDone.run();
        });

        // Must be received by dataConsumer1 and dataConsumer2.
        dataProducer.send("both", null, null, null, null);
        // Must be received by dataConsumer1 and dataConsumer2.
        dataProducer.send("both", null, List.of(1, 2), null, null);
        // Must be received by dataConsumer1 and dataConsumer2.
        dataProducer.send("both", null, List.of(11, 22, 33), 666, null);
        // Must not be received by neither dataConsumer1 nor dataConsumer2.
        dataProducer.send("none", null, List.of(3), 666, null);
        // Must not be received by neither dataConsumer1 nor dataConsumer2.
        dataProducer.send("none", null, List.of(666), 3, null);
        // Must be received by dataConsumer1.
        dataProducer.send("dc1", null, List.of(1), null, null);
        // Must be received by dataConsumer1.
        dataProducer.send("dc1", null, List.of(11), 1, null);
        // Must be received by dataConsumer1.
        dataProducer.send("dc1", null, List.of(666), 11, null);
        // Must be received by dataConsumer2.
        dataProducer.send("dc2", null, List.of(666), 2, null);
        // Make dataConsumer2 also subscribe to subchannel 1 (no need to wait for it: the channel
        // keeps the order).
        List<Integer> subchannels2 = new ArrayList<>(dataConsumer2.subchannels());
        subchannels2.add(1);
        CompletableFuture<Void> subscribed = dataConsumer2.setSubchannels(subchannels2);
        // Must be received by dataConsumer1 and dataConsumer2.
        dataProducer.send("both", null, List.of(1), 666, null);
        await(allReceived);
        await(subscribed);

        assertThat(receivedMessages1).hasSize(expectedReceivedNumMessages1).allMatch(m -> m.equals("both") || m.equals("dc1"));
        assertThat(receivedMessages2).hasSize(expectedReceivedNumMessages2).allMatch(m -> m.equals("both") || m.equals("dc2"));
    }

    /**
     * Not a jest test (Node's suite has none for RTCP on a DirectTransport): RTCP handed in with
     * {@code sendRtcp} reaches the worker, and the worker's RTCP comes out as {@code rtcp} events. A
     * PLI for a direct consumer, sent in, comes back out as the producer's key frame request. (A
     * DirectTransport never "connects", so the worker sends it no periodic reports.)
     */
    @Test
    void sendRtcpReachesTheWorkerAndTheWorkersRtcpComesOutAsRtcpEvents() throws Exception {
        Router videoRouter = await(worker.createRouter(RouterOptions.of(List.of(
                RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP8").clockRate(90000).build()))));
        DirectTransport producerTransport = await(videoRouter.createDirectTransport());
        DirectTransport consumerTransport = await(videoRouter.createDirectTransport());
        long producerSsrc = 11111111L;
        Producer producer = await(producerTransport.produce(ProducerOptions.of(MediaKind.VIDEO, RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType("video/VP8").payloadType(101).clockRate(90000)
                        .rtcpFeedback(List.of(new RtcpFeedback("nack", null), new RtcpFeedback("nack", "pli"))).build()))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(producerSsrc)))
                .rtcp(new RtcpParameters("direct", true))
                .build())));
        Consumer consumer = await(consumerTransport.consume(ConsumerOptions.of(producer.id(), videoRouter.rtpCapabilities())));
        long consumerSsrc = consumer.rtpParameters().encodings().get(0).ssrc();
        List<byte[]> producerRtcp = new CopyOnWriteArrayList<>();
        producerTransport.on(DirectTransport.RTCP, producerRtcp::add);

        // The producer's stream exists once RTP came in; only then can it be asked for a key frame.
        for (int seq = 1; seq <= 10; seq++) {
            producer.send(rtpPacket(101, seq, seq * 3000L, producerSsrc));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> !await(producer.getStats()).isEmpty());

        consumerTransport.sendRtcp(pictureLossIndication(consumerSsrc));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> producerRtcp.stream().anyMatch(packet -> containsRtcp(packet, 206, 1, producerSsrc)));
        assertThat(producerRtcp).allSatisfy(packet -> assertThat(packet[0] & 0xC0).as("RTCP version 2").isEqualTo(0x80));
    }

    private static byte[] rtpPacket(int payloadType, int sequenceNumber, long timestamp, long ssrc) {
        ByteBuffer packet = ByteBuffer.allocate(12 + 4);
        packet.put((byte) 0x80).put((byte) payloadType).putShort((short) sequenceNumber)
                .putInt((int) timestamp).putInt((int) ssrc);
        // A VP8 payload descriptor (start of partition) and a few payload bytes.
        packet.put((byte) 0x10).put((byte) 0x01).put((byte) 0x02).put((byte) 0x03);
        return packet.array();
    }

    /** RTCP PSFB, FMT 1: a picture loss indication for {@code mediaSsrc}. */
    private static byte[] pictureLossIndication(long mediaSsrc) {
        return ByteBuffer.allocate(12).put((byte) 0x81).put((byte) 206).putShort((short) 2)
                .putInt(0x12345678).putInt((int) mediaSsrc).array();
    }

    /**
     * Whether a (compound) RTCP packet has one of {@code packetType} (and {@code format}, unless -1)
     * about {@code ssrc}: a receiver report's first report block, or a feedback packet's media SSRC.
     */
    private static boolean containsRtcp(byte[] compound, int packetType, int format, long ssrc) {
        ByteBuffer buffer = ByteBuffer.wrap(compound);
        while (buffer.remaining() >= 4) {
            int start = buffer.position();
            int first = buffer.get(start) & 0xFF;
            int type = buffer.get(start + 1) & 0xFF;
            int length = ((buffer.getShort(start + 2) & 0xFFFF) + 1) * 4;
            if (length > buffer.remaining()) {
                return false;
            }
            if (type == packetType && (format == -1 || (first & 0x1F) == format) && length >= 12) {
                long about = buffer.getInt(start + 8) & 0xFFFFFFFFL;
                if (about == ssrc) {
                    return true;
                }
            }
            buffer.position(start + length);
        }
        return false;
    }

    @Test
    void directTransportMethodsRejectIfClosed() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);

        transport.close();

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.dump())).hasCauseInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> await(transport.getStats())).hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void directTransportEmitsRouterCloseIfRouterIsClosed() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        transport.once(Transport.ROUTER_CLOSE, routerClose::complete);

        router.close();
        await(routerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.getStats())).hasCauseInstanceOf(NotFoundError.class);
    }

    @Test
    void directTransportEmitsRouterCloseIfWorkerIsClosed() throws Exception {
        DirectTransport transport = await(router.createDirectTransport());
        List<Void> observerClose = new ArrayList<>();
        transport.observer().once(Transport.OBSERVER_CLOSE, observerClose::add);
        CompletableFuture<Void> routerClose = new CompletableFuture<>();
        transport.once(Transport.ROUTER_CLOSE, routerClose::complete);

        worker.close();
        await(routerClose);

        assertThat(observerClose).hasSize(1);
        assertThat(transport.closed()).isTrue();
        assertThatThrownBy(() -> await(transport.getStats())).hasCauseInstanceOf(InvalidStateError.class);
    }
}
