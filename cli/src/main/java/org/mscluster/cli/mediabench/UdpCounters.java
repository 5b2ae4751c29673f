package org.mscluster.cli.mediabench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's UDP drop counters ({@code /proc/net/snmp}): datagrams dropped because a receiving
 * socket's buffer was full, or a sending one's. Machine-wide, so they tell whether a step's loss
 * happened in a socket buffer (ours or the worker's) rather than in the worker.
 */
record UdpCounters(long receiveBufferErrors, long sendBufferErrors) {

    static UdpCounters read() throws IOException {
        List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Udp: ")).toList();
        List<String> names = List.of(udp.get(0).split(" "));
        String[] values = udp.get(1).split(" ");
        return new UdpCounters(Long.parseLong(values[names.indexOf("RcvbufErrors")]),
                Long.parseLong(values[names.indexOf("SndbufErrors")]));
    }

    UdpCounters minus(UdpCounters earlier) {
        return new UdpCounters(receiveBufferErrors - earlier.receiveBufferErrors, sendBufferErrors - earlier.sendBufferErrors);
    }
}
