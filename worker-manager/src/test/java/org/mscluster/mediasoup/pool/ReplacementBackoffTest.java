package org.mscluster.mediasoup.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplacementBackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        ReplacementBackoff backoff = new ReplacementBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void noFailureYetWaitsTheInitialDelay() {
        assertThat(ReplacementBackoff.defaults().delay(0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new ReplacementBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplacementBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
