package org.mscluster.cli.mediabench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SocketDropsTest {

    private static final List<String> TABLE = List.of(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
            " 7076: 0100007F:E6FE 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4670781 2 0000000022b09783 12",
            "11110: 0100007F:36C0 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4670782 2 000000003f845a88 30",
            "11111: 0100007F:36C2 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4670783 2 000000003f845a89 5");

    @Test
    void sumsTheDropsOfTheProcessesSocketsOnly() {
        assertThat(SocketDrops.drops(TABLE, Set.of("4670781", "4670783"))).isEqualTo(17);
        assertThat(SocketDrops.drops(TABLE, Set.of("1"))).isZero();
        assertThat(SocketDrops.drops(List.of(), Set.of("1"))).isZero();
    }

    @Test
    void readsThisProcesssOwnTable() throws Exception {
        assertThat(SocketDrops.ofProcess(ProcessHandle.current().pid())).isNotNegative();
    }
}
