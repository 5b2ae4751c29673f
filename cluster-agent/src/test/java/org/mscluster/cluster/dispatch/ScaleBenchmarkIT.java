package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench scale} small, against a real {@code redis-server}: what it reports is what happened
 * (every decision answered, joins on their room's node, the reports read whole, a rebuild without
 * conflicts). Figures are not asserted: it is a benchmark.
 */
class ScaleBenchmarkIT {

    @Test
    void aSmallRunPlacesEveryDecisionAndReadsTheReportsWhole() {
        ScaleBenchmark.Settings settings = new ScaleBenchmark.Settings(20, 2_000, 2, 2, 500, Duration.ofSeconds(1),
                Duration.ZERO, 0.1, 2, 2, 10_000, List.of(100));
        ScaleBenchmark.Result r = ScaleBenchmark.run(settings);

        assertThat(r.fill().nodes()).isEqualTo(20);
        assertThat(r.fill().memoryWithReports()).isGreaterThan(r.fill().memoryWithRooms());
        assertThat(r.fill().memoryWithRooms()).isGreaterThan(r.fill().memoryWithNodes());
        ScaleBenchmark.Placement p = r.placement();
        assertThat(p.offered()).isEqualTo(500);
        assertThat(p.decisions()).isEqualTo(500);
        assertThat(p.failures()).isZero();
        assertThat(p.misplacedJoins()).isZero();
        assertThat(p.newRooms() + p.joins()).isEqualTo(500);
        assertThat(r.reportsRead().nodes()).isEqualTo(20);
        assertThat(r.reportsRead().rooms()).isEqualTo(2_000);
        assertThat(r.summariesRead().nodes()).isEqualTo(20);
        assertThat(r.summariesRead().rooms()).isEqualTo(2_000);
        assertThat(r.rebuilds()).singleElement().satisfies(b -> {
            assertThat(b.rooms()).isEqualTo(100);
            assertThat(b.conflicts()).isZero();
        });
    }
}
