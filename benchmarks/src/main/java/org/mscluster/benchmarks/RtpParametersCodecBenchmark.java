package org.mscluster.benchmarks;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.fbs.RtpParametersFbs;
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
 * FlatBuffers encoding of a Chrome VP8 simulcast producer's RTP parameters (part of every produce and
 * consume request) into a reused builder, as the channel does, and decoding them back (every dump and
 * consume response).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RtpParametersCodecBenchmark {

    private final FlatBufferBuilder builder = new FlatBufferBuilder(1024);
    private final ByteBuffer encoded = encodeOnce();

    private static ByteBuffer encodeOnce() {
        FlatBufferBuilder once = new FlatBufferBuilder(1024);
        once.finish(RtpParametersFbs.serialize(once, BrowserParameters.CHROME_VP8_SIMULCAST));
        return ByteBuffer.wrap(once.sizedByteArray());
    }

    @Benchmark
    public int encode() {
        builder.clear();
        int offset = RtpParametersFbs.serialize(builder, BrowserParameters.CHROME_VP8_SIMULCAST);
        builder.finish(offset);
        return builder.offset();
    }

    @Benchmark
    public RtpParameters decode() {
        return RtpParametersFbs.parse(FBS.RtpParameters.RtpParameters.getRootAsRtpParameters(encoded.duplicate()));
    }
}
