package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UdpPortsTest {

    @Test
    void pairsHandedOutTogetherAreAllDifferentEvenBeforeAnyoneBindsThem() {
        Set<Integer> given = new HashSet<>();
        // Many more than the inputs of a segment: with 5,000 pairs to draw from, repeats would show at once.
        for (int i = 0; i < 1000; i++) {
            int port = UdpPorts.freePair();
            assertThat(port % 2).isZero();
            assertThat(given.add(port)).as("pair %d handed out twice", port).isTrue();
        }
    }
}
