package org.mscluster.cli.mediabench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving end of every consumer: a few UDP sockets, packets told apart by SSRC. Per consumer it
 * keeps the packets received and the highest extended sequence number, so a window's loss is what
 * the sequence numbers say was sent and did not arrive (RFC 3550's "expected"), counted at the
 * receiver without any RTCP.
 */
final class RtpCounter implements AutoCloseable {

    /** One consumer's counters; written by the receiving thread only. */
    static final class Stream {
        final boolean video;
        volatile long received;
        volatile long highest = -1;

        Stream(boolean video) {
            this.video = video;
        }

        void count(int sequence) {
            long previous = highest;
            long extended;
            if (previous < 0) {
                extended = sequence;
            } else {
                // The sequence number nearest to the highest one, across a wrap in either direction.
                long candidate = (previous & ~0xFFFFL) | sequence;
                if (candidate - previous > 0x8000) {
                    candidate -= 0x10000;
                } else if (previous - candidate > 0x8000) {
                    candidate += 0x10000;
                }
                extended = candidate;
            }
            received = received + 1;
            if (extended > previous) {
                highest = extended;
            }
        }
    }

    /** A snapshot of one consumer's counters. */
    record Mark(long received, long highest) {
    }

    private final List<DatagramChannel> channels = new java.util.ArrayList<>();
    private final List<Integer> ports = new java.util.ArrayList<>();
    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
    private final AtomicLong foreign = new AtomicLong();

    /**
     * {@code sockets} sockets, each with its own thread: a socket's buffer holds only some
     * milliseconds of hundreds of consumers, and one stalled reader must not look like the worker's loss.
     */
    RtpCounter(int sockets) throws IOException {
        try {
            for (int i = 0; i < sockets; i++) {
                DatagramChannel channel = DatagramChannel.open();
                channels.add(channel);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                channel.bind(new InetSocketAddress("127.0.0.1", 0));
                ports.add(((InetSocketAddress) channel.getLocalAddress()).getPort());
                Thread thread = new Thread(() -> receive(channel), "rtp-counter-" + i);
                thread.setDaemon(true);
                thread.start();
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The receiving ports, to spread the consumers over. */
    List<Integer> ports() {
        return ports;
    }

    void expect(List<ConsumerStream> consumers) {
        for (ConsumerStream consumer : consumers) {
            streams.put(consumer.ssrc(), new Stream(consumer.video()));
        }
    }

    Map<Long, Stream> streams() {
        return streams;
    }

    /** Consumers that have not delivered a packet yet: a video one waits for a keyframe. */
    long waiting() {
        return streams.values().stream().filter(stream -> stream.highest < 0).count();
    }

    /** RTP packets of SSRCs no consumer has: none are expected. */
    long foreign() {
        return foreign.get();
    }

    private void receive(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        byte[] array = buffer.array();
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                if (buffer.position() < 12 || RtpHeader.isRtcp(array)) {
                    continue; // the consumers' sender reports
                }
                Stream stream = streams.get(RtpHeader.ssrc(array));
                if (stream == null) {
                    foreign.incrementAndGet();
                } else {
                    stream.count(RtpHeader.sequenceNumber(array));
                }
            }
        } catch (ClosedChannelException closed) {
            // close()
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel channel : channels) {
            channel.close();
        }
    }
}
