package org.mscluster.signaling.protoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsServedThenTheRateRefills() {
        RequestRate rate = new RequestRate(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(rate.tryAcquire(0)).isTrue();
        }
        assertThat(rate.tryAcquire(0)).isFalse();
        // A tenth of a second refills one request at 10/s.
        assertThat(rate.tryAcquire(SECOND / 10)).isTrue();
        assertThat(rate.tryAcquire(SECOND / 10)).isFalse();
        // A long pause refills no more than the burst.
        long later = 100 * SECOND;
        for (int i = 0; i < 5; i++) {
            assertThat(rate.tryAcquire(later)).isTrue();
        }
        assertThat(rate.tryAcquire(later)).isFalse();
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new RequestRate(0, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
