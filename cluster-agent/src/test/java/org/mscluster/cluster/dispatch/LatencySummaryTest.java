package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
    @Test
    void nearestRankPercentiles() {
        // 1..100 microseconds, shuffled order does not matter
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000).toArray();
        LatencySummary s = new LatencySummary(nanos);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.percentileMicros(50)).isEqualTo(50);
        assertThat(s.percentileMicros(99)).isEqualTo(99);
        assertThat(s.percentileMicros(100)).isEqualTo(100);
        assertThat(s.maxMicros()).isEqualTo(100);
    }

    @Test
    void smallAndEmptySamples() {
        assertThat(new LatencySummary(new long[] {7_000}).percentileMicros(99)).isEqualTo(7);
        assertThat(new LatencySummary(new long[0]).percentileMicros(50)).isZero();
        assertThat(new LatencySummary(new long[0]).maxMicros()).isZero();
        assertThatThrownBy(() -> new LatencySummary(new long[0]).percentileMicros(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryLine() {
        var r = new BenchmarkResult(50, 200, 8, 200, 0, 0, java.time.Duration.ofMillis(100), 2000, 300, 900, 1200);
        assertThat(r.summary()).contains("2000 decisions/s").contains("p50 300 us").contains("p99 900 us")
                .contains("split rooms 0");
    }
}
