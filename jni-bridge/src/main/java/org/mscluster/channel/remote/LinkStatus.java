package org.mscluster.channel.remote;

import java.time.Instant;

/**
 * One client's link as the media host sees it: which worker slot, whose it is, what went through, and
 * the worker process's CPU time and resident memory now (-1 where unreadable).
 */
public record LinkStatus(int slot, long pid, String client, String remoteAddress, Instant since, long bytesIn, long bytesOut,
        long cpuNanos, long residentBytes) {
}
