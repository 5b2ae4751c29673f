package org.mscluster.cli.mediabench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpCounterTest {

    @Test
    void theHighestSequenceNumberExtendsAcrossTheWrap() {
        RtpCounter.Stream stream = new RtpCounter.Stream(true);
        for (int sequence : new int[] {65533, 65534, 65535, 0, 1, 2}) {
            stream.count(sequence);
        }
        assertThat(stream.highest).isEqualTo(65536 + 2);
        assertThat(stream.received).isEqualTo(6);
    }

    @Test
    void aGapIsExpectedButNotReceivedAndALatePacketDoesNotMoveTheHighest() {
        RtpCounter.Stream stream = new RtpCounter.Stream(false);
        stream.count(100);
        stream.count(103); // 101 and 102 lost so far
        stream.count(101); // late, across no wrap
        assertThat(stream.highest).isEqualTo(103);
        assertThat(stream.received).isEqualTo(3);
    }

    @Test
    void aLatePacketJustBeforeTheWrapIsNotTakenForANewCycle() {
        RtpCounter.Stream stream = new RtpCounter.Stream(false);
        stream.count(65535);
        stream.count(1);
        stream.count(65534);
        assertThat(stream.highest).isEqualTo(65536 + 1);
    }
}
