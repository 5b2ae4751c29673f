package org.mscluster.client;

import java.util.List;

/**
 * What the client receives, per remote consumer, and its round-trip time to the node.
 *
 * @param rttMillis the current round-trip time of the receiving transport's ICE pair (-1 when unknown)
 */
public record RoomStats(String url, boolean joined, int joins, double rttMillis, List<ConsumerStats> consumers) {

    /** One consumer: its producer's peer, kind, decoded frames and size (video) and RTP packets received. */
    public record ConsumerStats(String consumerId, String peerId, String producerId, String kind, long framesDecoded,
            int width, int height, long packetsReceived) {

        /** Media arrived: video frames decoded, or audio packets received. */
        public boolean received() {
            return kind.equals("video") ? framesDecoded > 0 : packetsReceived > 0;
        }
    }
}
