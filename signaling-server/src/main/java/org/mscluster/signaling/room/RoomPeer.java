package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.ProtooError;
import org.mscluster.signaling.protoo.ProtooFrameHandler;
import org.mscluster.signaling.protoo.ProtooPeer;

/**
 * A peer's state in its room (the demo's {@code peer.data}). Confined to the room's executor. Its
 * maps are the only place request ids are looked up, so one peer can never touch another's
 * transports, producers or consumers.
 */
final class RoomPeer {

    final String id;
    final ProtooPeer protoo;
    /** What the client said of itself in its connection request (null when it said nothing). */
    final String region;
    final String isp;
    boolean joined;
    /** It joined with {@code audioLevels: true}: it gets {@code audioLevels} notifications. */
    boolean audioLevels;
    /** When it connected, then when it joined. */
    Instant since = Instant.now();
    /** Being sent to another leg of the room (its node drains): not picked again. */
    boolean moving;
    /** Why it is leaving, when the server decided it (a kick); null: its connection closed. */
    String leaveReason;
    String displayName;
    JsonNode device;
    RtpCapabilities rtpCapabilities;
    final Map<String, WebRtcTransport> transports = new LinkedHashMap<>();
    final Map<String, Producer> producers = new LinkedHashMap<>();
    final Map<String, Consumer> consumers = new LinkedHashMap<>();
    final Map<String, DataProducer> dataProducers = new LinkedHashMap<>();
    final Map<String, DataConsumer> dataConsumers = new LinkedHashMap<>();
    /** Creations asked for and not finished: they count against the peer's limits too. */
    int transportsPending;
    int producersPending;
    int dataProducersPending;
    int consumersPending;

    RoomPeer(ProtooPeer protoo) {
        this.id = protoo.id();
        this.protoo = protoo;
        ConnectionRequest request = protoo.channel() == null ? null
                : protoo.channel().attr(ProtooFrameHandler.CONNECTION_REQUEST).get();
        this.region = request == null ? null : request.region();
        this.isp = request == null ? null : request.isp();
    }

    /** The connection request the peer came with (null for a peer without a socket, in tests). */
    ConnectionRequest connectionRequest() {
        return protoo.channel() == null ? null : protoo.channel().attr(ProtooFrameHandler.CONNECTION_REQUEST).get();
    }

    RoomListener.PeerInfo info() {
        return new RoomListener.PeerInfo(id, displayName, region, isp);
    }

    WebRtcTransport transport(String transportId) {
        return find(transports, transportId, "transport");
    }

    Producer producer(String producerId) {
        return find(producers, producerId, "producer");
    }

    Consumer consumer(String consumerId) {
        return find(consumers, consumerId, "consumer");
    }

    DataProducer dataProducer(String dataProducerId) {
        return find(dataProducers, dataProducerId, "dataProducer");
    }

    DataConsumer dataConsumer(String dataConsumerId) {
        return find(dataConsumers, dataConsumerId, "dataConsumer");
    }

    /** The transport the client said it consumes on (demo: {@code appData.consuming}). */
    Optional<WebRtcTransport> consumingTransport() {
        return transports.values().stream()
                .filter(t -> Boolean.TRUE.equals(t.appData().get("consuming")))
                .findFirst();
    }

    void requireJoined() {
        if (!joined) {
            throw new ProtooError(ProtooError.FORBIDDEN, "Peer not yet joined");
        }
    }

    private static <T> T find(Map<String, T> map, String id, String what) {
        T value = id == null ? null : map.get(id);
        if (value == null) {
            throw ProtooError.notFound(what + " with id \"" + id + "\" not found");
        }
        return value;
    }

    @Override
    public String toString() {
        return "RoomPeer[" + id + "]";
    }
}
