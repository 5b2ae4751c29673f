package org.mscluster.cluster.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EwmaTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ewma ewma = new Ewma(Duration.ofSeconds(5), nanos::get);

    private double sampleAfter(Duration elapsed, double value) {
        nanos.addAndGet(elapsed.toNanos());
        return ewma.update(value);
    }

    @Test
    void theFirstSampleIsTakenAsItIs() {
        assertThat(ewma.mean()).isNaN();
        assertThat(ewma.update(0.3)).isEqualTo(0.3);
    }

    @Test
    void aOneSecondBurstOnAnIdleHostLiftsTheMeanByAboutAFifth() {
        sampleAfter(Duration.ZERO, 0.1);
        for (int i = 0; i < 10; i++) {
            sampleAfter(Duration.ofSeconds(1), 0.1);
        }
        double afterBurst = sampleAfter(Duration.ofSeconds(1), 1.0);
        // 1 - e^(-1/5) = 0.181 of the jump from 0.1 to 1.0: well under a 0.85 placement limit.
        assertThat(afterBurst).isCloseTo(0.1 + 0.9 * (1 - Math.exp(-0.2)), within(1e-9));
        assertThat(afterBurst).isLessThan(0.85);
    }

    @Test
    void aSustainedLoadIsReachedWithinAFewTimeConstants() {
        sampleAfter(Duration.ZERO, 0.0);
        double mean = 0;
        for (int i = 0; i < 25; i++) {
            mean = sampleAfter(Duration.ofSeconds(1), 0.95);
        }
        assertThat(mean).isGreaterThan(0.9);
    }

    @Test
    void samplesWeighByTheTimeTheyStandFor() {
        sampleAfter(Duration.ZERO, 0.0);
        double oneLongStep = sampleAfter(Duration.ofSeconds(4), 1.0);
        Ewma stepwise = new Ewma(Duration.ofSeconds(5), nanos::get);
        nanos.set(0);
        stepwise.update(0.0);
        double fourShortSteps = 0;
        for (int i = 0; i < 4; i++) {
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            fourShortSteps = stepwise.update(1.0);
        }
        assertThat(oneLongStep).isCloseTo(fourShortSteps, within(1e-9));
    }

    @Test
    void aZeroTimeConstantIsRefused() {
        assertThatThrownBy(() -> new Ewma(Duration.ZERO, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
