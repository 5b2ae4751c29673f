package org.mscluster.cli.mediabench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Datagrams the kernel dropped on one process's UDP sockets because their receive buffers were full
 * ({@code drops} of {@code /proc/net/udp} for the sockets among the process's file descriptors): what a
 * reader that falls behind loses, apart from every other process's drops on a shared machine.
 */
final class SocketDrops {

    private SocketDrops() {
    }

    static long ofProcess(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listed: not a socket we count
                }
            }
        }
        return drops(Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "udp")), inodes)
                + drops(Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "udp6")), inodes);
    }

    /** Sums the {@code drops} column (the last) of the table's lines whose {@code inode} (the 10th) is one of {@code inodes}. */
    static long drops(List<String> table, Set<String> inodes) {
        long drops = 0;
        for (String line : table.subList(Math.min(1, table.size()), table.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 13 && inodes.contains(fields[9])) {
                drops += Long.parseLong(fields[fields.length - 1]);
            }
        }
        return drops;
    }
}
