package org.mscluster.benchmarks;

import FBS.Request.Body;
import FBS.Request.Method;
import FBS.Response.Response;
import FBS.Transport.ProduceRequest;
import java.util.concurrent.TimeUnit;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.fbs.RtpMappingFbs;
import org.mscluster.mediasoup.fbs.RtpParametersFbs;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.ortc.ProducerRtpParametersMapping;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request's round trip through the channel against a host that answers at once: the request
 * encoded into the thread's builder, entered in the table, the response decoded, matched and its
 * future completed. With an empty body ({@code WORKER_DUMP}'s shape) and with a produce body
 * (a Chrome VP8 simulcast producer's parameters and mapping), the largest common request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChannelBenchmark {

    private Channel channel;
    private ProducerRtpParametersMapping mapping;

    @Setup
    public void setUp() {
        channel = new Channel("bench", LoopbackHost::new);
        mapping = Ortc.getProducerRtpParametersMapping(BrowserParameters.CHROME_VP8_SIMULCAST, BrowserParameters.ROUTER);
    }

    @TearDown
    public void tearDown() {
        channel.close();
    }

    @Benchmark
    public Response emptyRequest() {
        return channel.request(Method.WORKER_DUMP, null).join();
    }

    @Benchmark
    public Response produceRequest() {
        return channel.request(Method.TRANSPORT_PRODUCE, "b9a0a3e5-0f4c-4c1e-9d1a-0c6b6f6f6f6f", Body.Transport_ProduceRequest,
                builder -> {
                    int id = builder.createString("0c6b6f6f-9d1a-4c1e-0f4c-b9a0a3e5e5e5");
                    int parameters = RtpParametersFbs.serialize(builder, mapping.rtpParameters());
                    int rtpMapping = RtpMappingFbs.serialize(builder, mapping.rtpMapping());
                    ProduceRequest.startProduceRequest(builder);
                    ProduceRequest.addProducerId(builder, id);
                    ProduceRequest.addKind(builder, FBS.RtpParameters.MediaKind.VIDEO);
                    ProduceRequest.addRtpParameters(builder, parameters);
                    ProduceRequest.addRtpMapping(builder, rtpMapping);
                    return ProduceRequest.endProduceRequest(builder);
                }).join();
    }
}
