package org.mscluster.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.rtp.RtpParameters;

/** Each benchmark's body once, outside JMH, so a benchmark that no longer measures what it says fails the build. */
class BenchmarksSmokeTest {

    @Test
    void theChannelRoundTripsThroughTheLoopbackHost() {
        ChannelBenchmark benchmark = new ChannelBenchmark();
        benchmark.setUp();
        try {
            for (int i = 0; i < 1000; i++) {
                assertThat(benchmark.emptyRequest().accepted()).isTrue();
                assertThat(benchmark.produceRequest().accepted()).isTrue();
            }
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void rtpParametersSurviveTheCodec() {
        RtpParametersCodecBenchmark benchmark = new RtpParametersCodecBenchmark();
        assertThat(benchmark.encode()).isPositive();
        RtpParameters decoded = benchmark.decode();
        assertThat(decoded.encodings()).extracting(e -> e.rid()).containsExactly("r0", "r1", "r2");
        assertThat(decoded.codecs()).hasSize(2);
        assertThat(decoded.mid()).isEqualTo("1");
    }

    @Test
    void ortcMapsTheSimulcastProducerAndItsConsumer() {
        OrtcBenchmark benchmark = new OrtcBenchmark();
        OrtcBenchmark.Produced produced = benchmark.produce();
        assertThat(produced.consumable().encodings()).hasSize(3);
        RtpParameters consumer = benchmark.consume();
        // One encoding toward the consumer, carrying the producer's three spatial layers.
        assertThat(consumer.encodings()).hasSize(1);
        assertThat(consumer.encodings().get(0).scalabilityMode()).isEqualTo("L3T3");
        assertThat(benchmark.canConsume()).isTrue();
    }
}
