package org.mscluster.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NewRoomRateTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(123 * SECOND);

    @Test
    void anAddressOpensItsMinutesRoomsThenOneEveryShareOfAMinute() throws Exception {
        NewRoomRate rate = new NewRoomRate(3, now::get);
        InetAddress one = InetAddress.getByName("192.0.2.1");
        InetAddress other = InetAddress.getByName("192.0.2.2");
        for (int i = 0; i < 3; i++) {
            assertThat(rate.tryOpen(one)).isTrue();
        }
        assertThat(rate.tryOpen(one)).isFalse();
        assertThat(rate.tryOpen(other)).as("another address has its own share").isTrue();
        // 3 a minute: one more every 20 s, not before.
        now.addAndGet(19 * SECOND);
        assertThat(rate.tryOpen(one)).isFalse();
        now.addAndGet(SECOND);
        assertThat(rate.tryOpen(one)).isTrue();
        assertThat(rate.tryOpen(one)).isFalse();
        // A long pause gives back a minute's rooms, no more.
        now.addAndGet(3600 * SECOND);
        for (int i = 0; i < 3; i++) {
            assertThat(rate.tryOpen(one)).isTrue();
        }
        assertThat(rate.tryOpen(one)).isFalse();
    }

    @Test
    void aRoomWithoutAnAddressIsNotLimited() {
        NewRoomRate rate = new NewRoomRate(1, now::get);
        assertThat(rate.tryOpen(null)).isTrue();
        assertThat(rate.tryOpen(null)).isTrue();
    }

    @Test
    void addressesWithAFullShareAgainAreForgotten() throws Exception {
        NewRoomRate rate = new NewRoomRate(2, now::get);
        for (int i = 0; i < 1023; i++) {
            assertThat(rate.tryOpen(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}))).isTrue();
        }
        assertThat(rate.tracked()).isEqualTo(1023);
        now.addAndGet(60 * SECOND);
        assertThat(rate.tryOpen(InetAddress.getByName("192.0.2.9"))).isTrue();
        assertThat(rate.tracked()).as("only the address that just opened a room").isEqualTo(1);
    }

    @Test
    void theRateMustBePositive() {
        assertThatThrownBy(() -> new NewRoomRate(0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
