package org.mscluster.client;

import java.util.concurrent.atomic.AtomicLong;

/** A remote producer this client consumes, with the counts of what it decoded. */
public final class RemoteConsumer {
    private final String id;
    private final String peerId;
    private final String producerId;
    private final String kind;
    final String mid;
    final AtomicLong framesDecoded = new AtomicLong();
    final AtomicLong audioFrames = new AtomicLong();
    volatile int width;
    volatile int height;

    RemoteConsumer(String id, String peerId, String producerId, String kind, String mid) {
        this.id = id;
        this.peerId = peerId;
        this.producerId = producerId;
        this.kind = kind;
        this.mid = mid;
    }

    public String id() {
        return id;
    }

    public String peerId() {
        return peerId;
    }

    public String producerId() {
        return producerId;
    }

    /** {@code audio} or {@code video}. */
    public String kind() {
        return kind;
    }

    /** Video frames decoded so far. */
    public long framesDecoded() {
        return framesDecoded.get();
    }

    /** 10 ms audio frames rendered so far. */
    public long audioFrames() {
        return audioFrames.get();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
