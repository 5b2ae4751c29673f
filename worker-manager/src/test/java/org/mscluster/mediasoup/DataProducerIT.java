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
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerDump;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.data.DataProducerStat;
import org.mscluster.mediasoup.data.DataProducerType;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-DataProducer.js}, against the real worker. */
class DataProducerIT {

    static final DataProducerOptions DATA_PRODUCER_OPTIONS_1 = JsLiterals.read(DataProducerOptions.class, """
            {
                sctpStreamParameters: { streamId: 666 },
                label: 'foo',
                protocol: 'bar',
                appData: { foo: 1, bar: '2' },
            }""");

    static final DataProducerOptions DATA_PRODUCER_OPTIONS_2 = JsLiterals.read(DataProducerOptions.class, """
            {
                sctpStreamParameters: { streamId: 777, maxRetransmits: 3 },
                label: 'foo',
                protocol: 'bar',
                paused: true,
                appData: { foo: 1, bar: '2' },
            }""");

    private Worker worker;
    private Router router;
    private WebRtcTransport webRtcTransport1;
    private WebRtcTransport webRtcTransport2;

    @BeforeEach
    void createTransports() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter());
        webRtcTransport1 = await(router.createWebRtcTransport(
                WebRtcTransportOptions.builder().listenIps("127.0.0.1").enableSctp(true).build()));
        webRtcTransport2 = await(router.createWebRtcTransport(
                WebRtcTransportOptions.builder().listenIps("127.0.0.1").enableSctp(true).build()));
    }

    @AfterEach
    void closeWorker() throws Exception {
        try {
            NoLeftovers.assertClean(worker);
        } finally {
            TestWorkers.close(worker);
        }
    }

    private static DataProducerOptions options(String literal) {
        return JsLiterals.read(DataProducerOptions.class, literal);
    }

    @Test
    void webRtcTransport1ProduceDataSucceeds() throws Exception {
        List<DataProducer> newDataProducers = new ArrayList<>();
        webRtcTransport1.observer().once(Transport.NEW_DATA_PRODUCER, newDataProducers::add);

        DataProducer dataProducer1 = await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS_1));

        assertThat(newDataProducers).containsExactly(dataProducer1);
        assertThat(dataProducer1.id()).isNotBlank();
        assertThat(dataProducer1.closed()).isFalse();
        assertThat(dataProducer1.type()).isEqualTo(DataProducerType.SCTP);
        assertThat(dataProducer1.sctpStreamParameters()).isNotNull();
        assertThat(dataProducer1.sctpStreamParameters().streamId()).isEqualTo(666);
        assertThat(dataProducer1.sctpStreamParameters().ordered()).isTrue();
        assertThat(dataProducer1.sctpStreamParameters().maxPacketLifeTime()).isNull();
        assertThat(dataProducer1.sctpStreamParameters().maxRetransmits()).isNull();
        assertThat(dataProducer1.label()).isEqualTo("foo");
        assertThat(dataProducer1.protocol()).isEqualTo("bar");
        assertThat(dataProducer1.paused()).isFalse();
        assertThat(dataProducer1.appData()).isEqualTo(Map.of("foo", 1, "bar", "2"));

        RouterDump dump = await(router.dump());
        assertThat(dump.mapDataProducerIdDataConsumerIds()).containsEntry(dataProducer1.id(), List.of());
        assertThat(dump.mapDataConsumerIdDataProducerId()).isEmpty();
        var transportDump = await(webRtcTransport1.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport1.id());
        assertThat(transportDump.dataProducerIds()).containsExactly(dataProducer1.id());
        assertThat(transportDump.dataConsumerIds()).isEmpty();
    }

    @Test
    void webRtcTransport2ProduceDataSucceeds() throws Exception {
        List<DataProducer> newDataProducers = new ArrayList<>();
        webRtcTransport2.observer().once(Transport.NEW_DATA_PRODUCER, newDataProducers::add);

        DataProducer dataProducer2 = await(webRtcTransport2.produceData(DATA_PRODUCER_OPTIONS_2));

        assertThat(newDataProducers).containsExactly(dataProducer2);
        assertThat(dataProducer2.id()).isNotBlank();
        assertThat(dataProducer2.closed()).isFalse();
        assertThat(dataProducer2.type()).isEqualTo(DataProducerType.SCTP);
        assertThat(dataProducer2.sctpStreamParameters().streamId()).isEqualTo(777);
        assertThat(dataProducer2.sctpStreamParameters().ordered()).isFalse();
        assertThat(dataProducer2.sctpStreamParameters().maxPacketLifeTime()).isNull();
        assertThat(dataProducer2.sctpStreamParameters().maxRetransmits()).isEqualTo(3);
        assertThat(dataProducer2.label()).isEqualTo("foo");
        assertThat(dataProducer2.protocol()).isEqualTo("bar");
        assertThat(dataProducer2.paused()).isTrue();
        assertThat(dataProducer2.appData()).isEqualTo(Map.of("foo", 1, "bar", "2"));

        RouterDump dump = await(router.dump());
        assertThat(dump.mapDataProducerIdDataConsumerIds()).containsEntry(dataProducer2.id(), List.of());
        assertThat(dump.mapDataConsumerIdDataProducerId()).isEmpty();
        var transportDump = await(webRtcTransport2.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport2.id());
        assertThat(transportDump.dataProducerIds()).containsExactly(dataProducer2.id());
        assertThat(transportDump.dataConsumerIds()).isEmpty();
    }

    @Test
    void webRtcTransport1ProduceDataWithWrongArgumentsRejectsWithTypeError() {
        assertThat(failure(() -> webRtcTransport1.produceData(options("{}")))).isInstanceOf(TypeError.class);

        // Missing or empty sctpStreamParameters.streamId.
        assertThat(failure(() -> webRtcTransport1.produceData(options("{ sctpStreamParameters: { foo: 'foo' } }"))))
                .isInstanceOf(TypeError.class);
    }

    @Test
    void transportProduceDataWithAlreadyUsedStreamIdRejectsWithError() throws Exception {
        await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS_1));

        assertThat(failure(() -> webRtcTransport1.produceData(options("{ sctpStreamParameters: { streamId: 666 } }"))))
                .isInstanceOf(MediasoupException.class);
    }

    @Test
    void transportProduceDataWithOrderedAndMaxPacketLifeTimeRejectsWithTypeError() {
        assertThat(failure(() -> webRtcTransport1.produceData(options(
                "{ sctpStreamParameters: { streamId: 999, ordered: true, maxPacketLifeTime: 4000 } }"))))
                .isInstanceOf(TypeError.class);
    }

    @Test
    void dataProducerDumpSucceeds() throws Exception {
        DataProducer dataProducer1 = await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS_1));
        DataProducerDump dump1 = await(dataProducer1.dump());

        assertThat(dump1.id()).isEqualTo(dataProducer1.id());
        assertThat(dump1.type()).isEqualTo(DataProducerType.SCTP);
        assertThat(dump1.sctpStreamParameters().streamId()).isEqualTo(666);
        assertThat(dump1.sctpStreamParameters().ordered()).isTrue();
        assertThat(dump1.sctpStreamParameters().maxPacketLifeTime()).isNull();
        assertThat(dump1.sctpStreamParameters().maxRetransmits()).isNull();
        assertThat(dump1.label()).isEqualTo("foo");
        assertThat(dump1.protocol()).isEqualTo("bar");
        assertThat(dump1.paused()).isFalse();

        DataProducer dataProducer2 = await(webRtcTransport2.produceData(DATA_PRODUCER_OPTIONS_2));
        DataProducerDump dump2 = await(dataProducer2.dump());

        assertThat(dump2.id()).isEqualTo(dataProducer2.id());
        assertThat(dump2.type()).isEqualTo(DataProducerType.SCTP);
        assertThat(dump2.sctpStreamParameters().streamId()).isEqualTo(777);
        assertThat(dump2.sctpStreamParameters().ordered()).isFalse();
        assertThat(dump2.sctpStreamParameters().maxPacketLifeTime()).isNull();
        assertThat(dump2.sctpStreamParameters().maxRetransmits()).isEqualTo(3);
        assertThat(dump2.label()).isEqualTo("foo");
        assertThat(dump2.protocol()).isEqualTo("bar");
        assertThat(dump2.paused()).isTrue();
    }

    @Test
    void dataProducerGetStatsSucceeds() throws Exception {
        DataProducer dataProducer1 = await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS_1));
        assertThat(await(dataProducer1.getStats()))
                .extracting(DataProducerStat::type, DataProducerStat::label, DataProducerStat::protocol,
                        DataProducerStat::messagesReceived, DataProducerStat::bytesReceived)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data-producer", dataProducer1.label(),
                        dataProducer1.protocol(), 0L, 0L));

        DataProducer dataProducer2 = await(webRtcTransport2.produceData(DATA_PRODUCER_OPTIONS_2));
        assertThat(await(dataProducer2.getStats()))
                .extracting(DataProducerStat::type, DataProducerStat::label, DataProducerStat::protocol,
                        DataProducerStat::messagesReceived, DataProducerStat::bytesReceived)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("data-producer", dataProducer2.label(),
                        dataProducer2.protocol(), 0L, 0L));
    }

    @Test
    void dataProducerPauseAndResumeSucceed() throws Exception {
        DataProducer dataProducer1 = await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS_1));
        AtomicInteger onObserverPause = new AtomicInteger();
        AtomicInteger onObserverResume = new AtomicInteger();
        dataProducer1.observer().on(DataProducer.OBSERVER_PAUSE, nothing -> onObserverPause.incrementAndGet());
        dataProducer1.observer().on(DataProducer.OBSERVER_RESUME, nothing -> onObserverResume.incrementAndGet());

        await(dataProducer1.pause());
        assertThat(dataProducer1.paused()).isTrue();
        assertThat(await(dataProducer1.dump()).paused()).isTrue();

        await(dataProducer1.resume());
        assertThat(dataProducer1.paused()).isFalse();
        assertThat(await(dataProducer1.dump()).paused()).isFalse();

        // Even if we don't await for pause()/resume() completion, the observer must
        // fire 'pause' and 'resume' events if state was the opposite.
        dataProducer1.pause();
        dataProducer1.resume();
        dataProducer1.pause();
        dataProducer1.pause();
        dataProducer1.pause();
        await(dataProducer1.resume());

        assertThat(onObserverPause).hasValue(3);
        assertThat(onObserverResume).hasValue(3);
    }

    @Test
    void producerPauseAndResumeEmitEvents() throws Exception {
        DataProducer dataProducer1 = await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS_1));
        List<String> events = new ArrayList<>();
        dataProducer1.observer().once(DataProducer.OBSERVER_RESUME, nothing -> events.add("resume"));
        dataProducer1.observer().once(DataProducer.OBSERVER_PAUSE, nothing -> events.add("pause"));

        CompletableFuture.allOf(dataProducer1.pause(), dataProducer1.resume()).get(5, TimeUnit.SECONDS);

        assertThat(events).containsExactly("pause", "resume");
        assertThat(dataProducer1.paused()).isFalse();
    }

    @Test
    void dataProducerCloseSucceeds() throws Exception {
        DataProducer dataProducer1 = await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS_1));
        AtomicInteger onObserverClose = new AtomicInteger();
        dataProducer1.observer().once(DataProducer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());

        dataProducer1.close();

        assertThat(onObserverClose).hasValue(1);
        assertThat(dataProducer1.closed()).isTrue();
        assertThat(failure(dataProducer1::dump)).isInstanceOf(NotFoundError.class);
        RouterDump dump = await(router.dump());
        assertThat(dump.mapDataProducerIdDataConsumerIds()).isEmpty();
        assertThat(dump.mapDataConsumerIdDataProducerId()).isEmpty();
        var transportDump = await(webRtcTransport1.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport1.id());
        assertThat(transportDump.dataProducerIds()).isEmpty();
        assertThat(transportDump.dataConsumerIds()).isEmpty();
    }

    @Test
    void dataProducerMethodsRejectIfClosed() throws Exception {
        DataProducer dataProducer1 = await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS_1));

        dataProducer1.close();

        assertThat(failure(dataProducer1::dump)).isInstanceOf(NotFoundError.class);
        assertThat(failure(dataProducer1::getStats)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void dataProducerEmitsTransportcloseIfTransportIsClosed() throws Exception {
        DataProducer dataProducer2 = await(webRtcTransport2.produceData(DATA_PRODUCER_OPTIONS_2));
        AtomicInteger onObserverClose = new AtomicInteger();
        dataProducer2.observer().once(DataProducer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());
        CompletableFuture<Void> transportClose = new CompletableFuture<>();
        dataProducer2.once(DataProducer.TRANSPORT_CLOSE, nothing -> transportClose.complete(null));

        webRtcTransport2.close();
        await(transportClose);

        assertThat(onObserverClose).hasValue(1);
        assertThat(dataProducer2.closed()).isTrue();
        assertThat(failure(dataProducer2::dump)).isInstanceOf(NotFoundError.class);
    }
}
