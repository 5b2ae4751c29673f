package org.mscluster.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.ortc.ProducerRtpParametersMapping;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ortc work of one produce (validate, map to the router's payload types, derive the consumable
 * parameters) and of one consume (the consumer's parameters for an endpoint with the router's
 * capabilities), on a Chrome VP8 simulcast producer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OrtcBenchmark {

    private final RtpParameters consumable = produce().consumable();

    record Produced(ProducerRtpParametersMapping mapping, RtpParameters consumable) {
    }

    @Benchmark
    public Produced produce() {
        RtpParameters validated = Ortc.validateAndNormalizeRtpParameters(BrowserParameters.CHROME_VP8_SIMULCAST);
        ProducerRtpParametersMapping mapping = Ortc.getProducerRtpParametersMapping(validated, BrowserParameters.ROUTER);
        return new Produced(mapping, Ortc.getConsumableRtpParameters(MediaKind.VIDEO, mapping.rtpParameters(),
                BrowserParameters.ROUTER, mapping.rtpMapping()));
    }

    @Benchmark
    public RtpParameters consume() {
        return Ortc.getConsumerRtpParameters(consumable, BrowserParameters.ROUTER, false, true);
    }

    @Benchmark
    public boolean canConsume() {
        return Ortc.canConsume(consumable, BrowserParameters.ROUTER);
    }
}
