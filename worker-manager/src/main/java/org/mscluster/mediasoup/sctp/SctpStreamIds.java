package org.mscluster.mediasoup.sctp;

import org.mscluster.mediasoup.errors.MediasoupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCTP stream ids of a transport's data consumers (Node's {@code allocateSctpStreamId}): handed
 * out round-robin from the 65535 an association can have, given back when a data consumer closes.
 */
public final class SctpStreamIds {

    private static final Logger LOG = LoggerFactory.getLogger(SctpStreamIds.class);
    private static final int MAX_STREAMS = 65535;

    /** Allocated on first use, as Node does: most transports never have an SCTP data consumer, and 64 KiB each adds up. */
    private boolean[] used;
    private Integer negotiatedMaxOutboundStreams;
    private int next;

    /** Once the association connected: ids at or above its outbound stream count would not work. */
    public synchronized void setNegotiatedMaxOutboundStreams(int value) {
        negotiatedMaxOutboundStreams = value;
    }

    public synchronized int allocate() {
        // Browsers and mediasoup negotiate the maximum nowadays, so this rarely triggers.
        if (negotiatedMaxOutboundStreams != null && next + 1 > negotiatedMaxOutboundStreams) {
            LOG.warn("SCTP negotiated max outbound streams is higher than current next SCTP streamId + 1, resetting it to 0");
            next = 0;
        }
        if (used == null) {
            used = new boolean[MAX_STREAMS];
        }
        for (int i = 0; i < MAX_STREAMS; i++) {
            int candidate = (next + i) % MAX_STREAMS;
            if (!used[candidate]) {
                used[candidate] = true;
                next = candidate + 1;
                return candidate;
            }
        }
        throw new MediasoupException("no sctpStreamId available");
    }

    public synchronized void release(int streamId) {
        if (used != null) {
            used[streamId] = false;
        }
    }
}
