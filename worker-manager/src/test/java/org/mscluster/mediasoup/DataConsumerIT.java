package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mscluster.mediasoup.Futures.await;
import static org.mscluster.mediasoup.Futures.failure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataConsumerDump;
import org.mscluster.mediasoup.data.DataConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumerStat;
import org.mscluster.mediasoup.data.DataConsumerType;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-DataConsumer.js}, against the real worker. */
class DataConsumerIT {

    static final DataProducerOptions SCTP_DATA_PRODUCER_OPTIONS = JsLiterals.read(DataProducerOptions.class, """
            {
                sctpStreamParameters: { streamId: 12345, ordered: false, maxPacketLifeTime: 5000 },
                label: 'foo',
                protocol: 'bar',
            }""");

    private Worker worker;
    private Router router;
    private WebRtcTransport webRtcTransport1;
    private WebRtcTransport webRtcTransport2;
    private DirectTransport directTransport;
    private DataProducer sctpDataProducer;
    private DataProducer directDataProducer;

    @BeforeEach
    void createDataProducers() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter());
        webRtcTransport1 = await(router.createWebRtcTransport(
                WebRtcTransportOptions.builder().listenIps("127.0.0.1").enableSctp(true).build()));
        webRtcTransport2 = await(router.createWebRtcTransport(
                WebRtcTransportOptions.builder().listenIps("127.0.0.1").enableSctp(true).build()));
        directTransport = await(router.createDirectTransport());
        sctpDataProducer = await(webRtcTransport1.produceData(SCTP_DATA_PRODUCER_OPTIONS));
        directDataProducer = await(directTransport.produceData(DataProducerOptions.direct()));
    }

    @AfterEach
    void closeWorker() throws Exception {
        try {
            NoLeftovers.assertClean(worker);
        } finally {
            TestWorkers.close(worker);
        }
    }

    private static DataConsumerOptions options(String literal) {
        return JsLiterals.read(DataConsumerOptions.class, literal);
    }

    @Test
    void transportConsumeDataSucceeds() throws Exception {
        List<DataConsumer> newDataConsumers = new ArrayList<>();
        webRtcTransport2.observer().once(Transport.NEW_DATA_CONSUMER, newDataConsumers::add);

        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.builder()
                .dataProducerId(sctpDataProducer.id())
                .maxPacketLifeTime(4000)
                // Valid values are 0...65535 so others and duplicated ones will be discarded.
                .subchannels(List.of(0, 1, 1, 1, 2, 65535, 65536, 65537, 100))
                .appData(Map.of("baz", "LOL"))
                .build()));

        assertThat(newDataConsumers).containsExactly(dataConsumer);
        assertThat(dataConsumer.id()).isNotBlank();
        assertThat(dataConsumer.dataProducerId()).isEqualTo(sctpDataProducer.id());
        assertThat(dataConsumer.closed()).isFalse();
        assertThat(dataConsumer.type()).isEqualTo(DataConsumerType.SCTP);
        assertThat(dataConsumer.sctpStreamParameters().streamId()).isNotNull();
        assertThat(dataConsumer.sctpStreamParameters().ordered()).isFalse();
        assertThat(dataConsumer.sctpStreamParameters().maxPacketLifeTime()).isEqualTo(4000);
        assertThat(dataConsumer.sctpStreamParameters().maxRetransmits()).isNull();
        assertThat(dataConsumer.label()).isEqualTo("foo");
        assertThat(dataConsumer.protocol()).isEqualTo("bar");
        assertThat(dataConsumer.paused()).isFalse();
        assertThat(dataConsumer.subchannels()).contains(0, 1, 2, 100, 65535);
        assertThat(dataConsumer.appData()).isEqualTo(Map.of("baz", "LOL"));

        RouterDump dump = await(router.dump());
        assertThat(dump.mapDataProducerIdDataConsumerIds()).containsEntry(sctpDataProducer.id(), List.of(dataConsumer.id()));
        assertThat(dump.mapDataConsumerIdDataProducerId()).containsEntry(dataConsumer.id(), sctpDataProducer.id());
        var transportDump = await(webRtcTransport2.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport2.id());
        assertThat(transportDump.dataProducerIds()).isEmpty();
        assertThat(transportDump.dataConsumerIds()).containsExactly(dataConsumer.id());
    }

    @Test
    void transportConsumeDataWithUnknownDataProducerIdFails() {
        assertThat(failure(() -> webRtcTransport2.consumeData(options("{ dataProducerId: '12345678' }"))))
                .isInstanceOf(NotFoundError.class);
    }

    @Test
    void dataConsumerDumpSucceeds() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.builder()
                .dataProducerId(sctpDataProducer.id())
                .ordered(true)
                // Valid values are 0...65535 so others and duplicated ones will be discarded.
                .subchannels(List.of(0, 1, 1, 1, 2, 65535, 65536, 65537, 100))
                .appData(Map.of("baz", "LOL"))
                .build()));

        DataConsumerDump dump = await(dataConsumer.dump());

        assertThat(dump.id()).isEqualTo(dataConsumer.id());
        assertThat(dump.dataProducerId()).isEqualTo(dataConsumer.dataProducerId());
        assertThat(dump.type()).isEqualTo(DataConsumerType.SCTP);
        assertThat(dump.sctpStreamParameters().streamId()).isEqualTo(dataConsumer.sctpStreamParameters().streamId());
        assertThat(dump.sctpStreamParameters().ordered()).isTrue();
        assertThat(dump.sctpStreamParameters().maxPacketLifeTime()).isNull();
        assertThat(dump.sctpStreamParameters().maxRetransmits()).isNull();
        assertThat(dump.label()).isEqualTo("foo");
        assertThat(dump.protocol()).isEqualTo("bar");
        assertThat(dump.paused()).isFalse();
        assertThat(dump.dataProducerPaused()).isFalse();
        assertThat(dump.subchannels()).contains(0, 1, 2, 100, 65535);
        assertThat(dump.bufferedAmount()).isZero();
        // Default per stream buffered amount threshold is 1024.
        assertThat(dump.bufferedAmountLowThreshold()).isEqualTo(1024);
    }

    @Test
    void dataConsumerGetStatsSucceeds() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));

        assertThat(await(dataConsumer.getStats()))
                .extracting(DataConsumerStat::type, DataConsumerStat::label, DataConsumerStat::protocol,
                        DataConsumerStat::messagesSent, DataConsumerStat::bytesSent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data-consumer", dataConsumer.label(),
                        dataConsumer.protocol(), 0L, 0L));
    }

    @Test
    void dataConsumerSetSubchannelsSucceeds() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));

        await(dataConsumer.setSubchannels(List.of(999, 999, 998, 65536)));

        assertThat(dataConsumer.subchannels()).contains(0, 998, 999);
    }

    @Test
    void dataConsumerAddSubchannelAndRemoveSubchannelSucceed() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));

        await(dataConsumer.setSubchannels(List.of()));
        assertThat(dataConsumer.subchannels()).isEmpty();

        await(dataConsumer.addSubchannel(5));
        assertThat(dataConsumer.subchannels()).contains(5);

        await(dataConsumer.addSubchannel(10));
        assertThat(dataConsumer.subchannels()).contains(5, 10);

        await(dataConsumer.addSubchannel(5));
        assertThat(dataConsumer.subchannels()).contains(5, 10);

        await(dataConsumer.removeSubchannel(666));
        assertThat(dataConsumer.subchannels()).contains(5, 10);

        await(dataConsumer.removeSubchannel(5));
        assertThat(dataConsumer.subchannels()).contains(10);

        await(dataConsumer.setSubchannels(List.of()));
        assertThat(dataConsumer.subchannels()).isEmpty();
    }

    @Test
    void transportConsumeDataFromADirectDataProducerSucceeds() throws Exception {
        List<DataConsumer> newDataConsumers = new ArrayList<>();
        webRtcTransport2.observer().once(Transport.NEW_DATA_CONSUMER, newDataConsumers::add);

        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(directDataProducer.id())));

        assertThat(newDataConsumers).containsExactly(dataConsumer);
        assertThat(dataConsumer.id()).isNotBlank();
        assertThat(dataConsumer.dataProducerId()).isEqualTo(directDataProducer.id());
        assertThat(dataConsumer.closed()).isFalse();
        assertThat(dataConsumer.type()).isEqualTo(DataConsumerType.SCTP);
        assertThat(dataConsumer.sctpStreamParameters().streamId()).isNotNull();
        assertThat(dataConsumer.sctpStreamParameters().ordered()).isTrue();
        assertThat(dataConsumer.sctpStreamParameters().maxPacketLifeTime()).isNull();
        assertThat(dataConsumer.sctpStreamParameters().maxRetransmits()).isNull();
        assertThat(dataConsumer.label()).isEmpty();
        assertThat(dataConsumer.protocol()).isEmpty();
        assertThat(dataConsumer.paused()).isFalse();
        assertThat(dataConsumer.subchannels()).isEmpty();
        assertThat(dataConsumer.appData()).isEmpty();

        RouterDump dump = await(router.dump());
        assertThat(dump.mapDataProducerIdDataConsumerIds()).containsEntry(directDataProducer.id(), List.of(dataConsumer.id()));
        assertThat(dump.mapDataConsumerIdDataProducerId()).containsEntry(dataConsumer.id(), directDataProducer.id());
        var transportDump = await(webRtcTransport2.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport2.id());
        assertThat(transportDump.dataProducerIds()).isEmpty();
        assertThat(transportDump.dataConsumerIds()).containsExactly(dataConsumer.id());
    }

    @Test
    void dataConsumerDumpConsumingFromADirectDataProducerSucceeds() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.builder()
                .dataProducerId(directDataProducer.id())
                .ordered(false)
                .maxRetransmits(2)
                .subchannels(List.of(0, 1))
                .build()));

        DataConsumerDump dump = await(dataConsumer.dump());

        assertThat(dump.id()).isEqualTo(dataConsumer.id());
        assertThat(dump.dataProducerId()).isEqualTo(dataConsumer.dataProducerId());
        assertThat(dump.type()).isEqualTo(DataConsumerType.SCTP);
        assertThat(dump.sctpStreamParameters().streamId()).isEqualTo(dataConsumer.sctpStreamParameters().streamId());
        assertThat(dump.sctpStreamParameters().ordered()).isFalse();
        assertThat(dump.sctpStreamParameters().maxPacketLifeTime()).isNull();
        assertThat(dump.sctpStreamParameters().maxRetransmits()).isEqualTo(2);
        assertThat(dump.label()).isEmpty();
        assertThat(dump.protocol()).isEmpty();
        assertThat(dump.paused()).isFalse();
        assertThat(dump.dataProducerPaused()).isFalse();
        assertThat(dump.subchannels()).contains(0, 1);
    }

    @Test
    void transportConsumeDataOnADirectTransportSucceeds() throws Exception {
        List<DataConsumer> newDataConsumers = new ArrayList<>();
        directTransport.observer().once(Transport.NEW_DATA_CONSUMER, newDataConsumers::add);

        DataConsumer dataConsumer = await(directTransport.consumeData(DataConsumerOptions.builder()
                .dataProducerId(sctpDataProducer.id())
                .paused(true)
                .appData(Map.of("hehe", "HEHE"))
                .build()));

        assertThat(newDataConsumers).containsExactly(dataConsumer);
        assertThat(dataConsumer.id()).isNotBlank();
        assertThat(dataConsumer.dataProducerId()).isEqualTo(sctpDataProducer.id());
        assertThat(dataConsumer.closed()).isFalse();
        assertThat(dataConsumer.type()).isEqualTo(DataConsumerType.DIRECT);
        assertThat(dataConsumer.sctpStreamParameters()).isNull();
        assertThat(dataConsumer.label()).isEqualTo("foo");
        assertThat(dataConsumer.protocol()).isEqualTo("bar");
        assertThat(dataConsumer.paused()).isTrue();
        assertThat(dataConsumer.appData()).isEqualTo(Map.of("hehe", "HEHE"));

        var transportDump = await(directTransport.dump());
        assertThat(transportDump.id()).isEqualTo(directTransport.id());
        assertThat(transportDump.dataProducerIds()).containsExactly(directDataProducer.id());
        assertThat(transportDump.dataConsumerIds()).containsExactly(dataConsumer.id());
    }

    @Test
    void dataConsumerDumpOnADirectTransportSucceeds() throws Exception {
        DataConsumer dataConsumer = await(directTransport.consumeData(DataConsumerOptions.builder()
                .dataProducerId(sctpDataProducer.id())
                .paused(true)
                .build()));

        DataConsumerDump dump = await(dataConsumer.dump());

        assertThat(dump.id()).isEqualTo(dataConsumer.id());
        assertThat(dump.dataProducerId()).isEqualTo(dataConsumer.dataProducerId());
        assertThat(dump.type()).isEqualTo(DataConsumerType.DIRECT);
        assertThat(dump.sctpStreamParameters()).isNull();
        assertThat(dump.label()).isEqualTo("foo");
        assertThat(dump.protocol()).isEqualTo("bar");
        assertThat(dump.paused()).isTrue();
        assertThat(dump.subchannels()).isEmpty();
    }

    @Test
    void dataConsumerGetStatsOnADirectTransportSucceeds() throws Exception {
        DataConsumer dataConsumer = await(directTransport.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));

        assertThat(await(dataConsumer.getStats()))
                .extracting(DataConsumerStat::type, DataConsumerStat::label, DataConsumerStat::protocol,
                        DataConsumerStat::messagesSent, DataConsumerStat::bytesSent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data-consumer", dataConsumer.label(),
                        dataConsumer.protocol(), 0L, 0L));
    }

    @Test
    void dataConsumerSendOnADirectTransportRejectsWithTypeError() throws Exception {
        DataConsumer dataConsumer = await(directTransport.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));

        assertThat(failure(() -> dataConsumer.send("foo"))).isInstanceOf(TypeError.class);
    }

    @Test
    void dataConsumerPauseAndResumeSucceed() throws Exception {
        AtomicInteger onObserverPause = new AtomicInteger();
        AtomicInteger onObserverResume = new AtomicInteger();
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));
        dataConsumer.observer().on(DataConsumer.OBSERVER_PAUSE, nothing -> onObserverPause.incrementAndGet());
        dataConsumer.observer().on(DataConsumer.OBSERVER_RESUME, nothing -> onObserverResume.incrementAndGet());

        await(dataConsumer.pause());
        assertThat(dataConsumer.paused()).isTrue();
        assertThat(await(dataConsumer.dump()).paused()).isTrue();

        await(dataConsumer.resume());
        assertThat(dataConsumer.paused()).isFalse();
        assertThat(await(dataConsumer.dump()).paused()).isFalse();

        // Even if we don't await for pause()/resume() completion, the observer must
        // fire 'pause' and 'resume' events if state was the opposite.
        dataConsumer.pause();
        dataConsumer.resume();
        dataConsumer.pause();
        dataConsumer.pause();
        dataConsumer.pause();
        await(dataConsumer.resume());

        assertThat(onObserverPause).hasValue(3);
        assertThat(onObserverResume).hasValue(3);
    }

    @Test
    void dataProducerPauseAndResumeEmitEvents() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        dataConsumer.observer().once(DataConsumer.OBSERVER_RESUME, nothing -> events.add("resume"));
        dataConsumer.observer().once(DataConsumer.OBSERVER_PAUSE, nothing -> events.add("pause"));

        CompletableFuture.allOf(sctpDataProducer.pause(), sctpDataProducer.resume()).get(5, TimeUnit.SECONDS);

        // The data consumer learns it through notifications, which may come after the responses.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(events).containsExactly("pause", "resume"));
        assertThat(dataConsumer.paused()).isFalse();
    }

    @Test
    void dataConsumerCloseSucceeds() throws Exception {
        AtomicInteger onObserverClose = new AtomicInteger();
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));
        dataConsumer.observer().once(DataConsumer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());

        dataConsumer.close();

        assertThat(onObserverClose).hasValue(1);
        assertThat(dataConsumer.closed()).isTrue();
        assertThat(failure(dataConsumer::dump)).isInstanceOf(NotFoundError.class);
        RouterDump dump = await(router.dump());
        assertThat(dump.mapDataProducerIdDataConsumerIds()).containsEntry(sctpDataProducer.id(), List.of());
        assertThat(dump.mapDataConsumerIdDataProducerId()).isEmpty();
        var transportDump = await(webRtcTransport2.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport2.id());
        assertThat(transportDump.dataProducerIds()).isEmpty();
        assertThat(transportDump.dataConsumerIds()).isEmpty();
    }

    @Test
    void consumerMethodsRejectIfClosed() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));

        dataConsumer.close();

        assertThat(failure(dataConsumer::dump)).isInstanceOf(NotFoundError.class);
        assertThat(failure(dataConsumer::getStats)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void dataConsumerEmitsDataproducercloseIfDataProducerIsClosed() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));
        AtomicInteger onObserverClose = new AtomicInteger();
        dataConsumer.observer().once(DataConsumer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());
        CompletableFuture<Void> dataProducerClose = new CompletableFuture<>();
        dataConsumer.once(DataConsumer.DATA_PRODUCER_CLOSE, nothing -> dataProducerClose.complete(null));

        sctpDataProducer.close();
        await(dataProducerClose);

        // The worker's notification emits producerclose, then the observer's close, on the channel
        // thread: the test thread is woken by the first and may look before the second ran.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> assertThat(onObserverClose).hasValue(1));
        assertThat(dataConsumer.closed()).isTrue();
        assertThat(failure(dataConsumer::dump)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void dataConsumerEmitsTransportcloseIfTransportIsClosed() throws Exception {
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(sctpDataProducer.id())));
        AtomicInteger onObserverClose = new AtomicInteger();
        dataConsumer.observer().once(DataConsumer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());
        CompletableFuture<Void> transportClose = new CompletableFuture<>();
        dataConsumer.once(DataConsumer.TRANSPORT_CLOSE, nothing -> transportClose.complete(null));

        webRtcTransport2.close();
        await(transportClose);

        assertThat(onObserverClose).hasValue(1);
        assertThat(dataConsumer.closed()).isTrue();
        assertThat(failure(dataConsumer::dump)).isInstanceOf(NotFoundError.class);
        RouterDump dump = await(router.dump());
        // The SCTP data producer of webRtcTransport1 and the direct one are left, without consumers.
        assertThat(dump.mapDataProducerIdDataConsumerIds()).allSatisfy((id, consumers) -> assertThat(consumers).isEmpty());
        assertThat(dump.mapDataConsumerIdDataProducerId()).isEmpty();
    }
}
