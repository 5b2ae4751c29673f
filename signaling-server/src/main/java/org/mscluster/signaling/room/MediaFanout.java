package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one peer receive another's producer or data producer, as the demo's {@code _createConsumer}
 * and {@code _createDataConsumer}: the server-side consumer is created paused, offered to the client
 * with a {@code newConsumer} request, and resumed once the client has its side ready, so no RTP
 * reaches the browser before its PeerConnection can place it, and video starts on a fresh key frame.
 * A client that rejects the offer or never answers gets the consumer closed (and a
 * {@code consumerClosed}) instead of a consumer left paused forever.
 */
final class MediaFanout {

    private static final Logger LOG = LoggerFactory.getLogger(MediaFanout.class);

    private final Room room;
    private final int consumerReplicas;

    MediaFanout(Room room, int consumerReplicas) {
        this.room = room;
        this.consumerReplicas = consumerReplicas;
    }

    void consume(RoomPeer consumerPeer, String producerPeerId, Producer producer) {
        if (consumerPeer.rtpCapabilities == null
                || !room.media.canConsume(room.router, producer.id(), consumerPeer.rtpCapabilities)) {
            return;
        }
        Optional<WebRtcTransport> transport = consumerPeer.consumingTransport();
        if (transport.isEmpty()) {
            LOG.warn("room {}: peer {} has no consuming transport, not consuming {}", room.key, consumerPeer.id, producer.id());
            return;
        }
        // Consumers being created count too: a peer that joins a room of many producers asks for them all at once.
        if (consumerPeer.consumers.size() + consumerPeer.consumersPending >= room.settings().peerLimits().consumers()) {
            consumerPeer.protoo.refusals().count(Refusals.Reason.PEER_CONSUMERS);
            LOG.warn("room {}: peer {} has {} consumers, the most a peer may have: not consuming {}", room.key, consumerPeer.id,
                    consumerPeer.consumers.size(), producer.id());
            return;
        }
        for (int i = 0; i <= consumerReplicas; i++) {
            consumerPeer.consumersPending++;
            room.media.consume(transport.get(), producer.id(), consumerPeer.rtpCapabilities)
                    .whenCompleteAsync((consumer, error) -> {
                        consumerPeer.consumersPending--;
                        if (error != null) {
                            LOG.warn("room {}: consume {} for {} failed: {}", room.key, producer.id(), consumerPeer.id, error.toString());
                        } else {
                            offer(consumerPeer, producerPeerId, producer, consumer);
                        }
                    }, room.executor);
        }
    }

    private void offer(RoomPeer consumerPeer, String producerPeerId, Producer producer, Consumer consumer) {
        if (!room.contains(consumerPeer) || consumer.closed()) {
            consumer.close();
            return;
        }
        consumerPeer.consumers.put(consumer.id(), consumer);
        String consumerId = consumer.id();
        consumer.on(Consumer.TRANSPORT_CLOSE, nothing -> room.executor.execute(() -> consumerPeer.consumers.remove(consumerId)));
        consumer.on(Consumer.PRODUCER_CLOSE, nothing -> room.executor.execute(() -> {
            consumerPeer.consumers.remove(consumerId);
            consumerPeer.protoo.notify("consumerClosed", Map.of("consumerId", consumerId));
        }));
        consumer.on(Consumer.PRODUCER_PAUSE, nothing -> consumerPeer.protoo.notify("consumerPaused", Map.of("consumerId", consumerId)));
        consumer.on(Consumer.PRODUCER_RESUME, nothing -> consumerPeer.protoo.notify("consumerResumed", Map.of("consumerId", consumerId)));
        consumer.on(Consumer.SCORE, score -> consumerPeer.protoo.notify("consumerScore", Map.of("consumerId", consumerId, "score", score)));
        consumer.on(Consumer.LAYERS_CHANGE, layers -> {
            ObjectNode data = Json.object().put("consumerId", consumerId);
            data.put("spatialLayer", layers == null ? null : layers.spatialLayer());
            data.put("temporalLayer", layers == null ? null : layers.temporalLayer());
            consumerPeer.protoo.notify("consumerLayersChanged", data);
        });

        ObjectNode offer = Json.object()
                .put("peerId", producerPeerId)
                .put("producerId", producer.id())
                .put("id", consumerId)
                .put("producerPaused", consumer.producerPaused());
        offer.set("kind", Json.tree(consumer.kind()));
        offer.set("type", Json.tree(consumer.type()));
        offer.set("rtpParameters", Json.tree(consumer.rtpParameters()));
        offer.set("appData", Json.tree(producer.appData()));
        long offered = System.nanoTime();
        consumerPeer.protoo.request("newConsumer", offer)
                // Closed meanwhile (its producer's peer left as this one answered): nothing to resume. The producer is
                // asked too: closing its transport marks it closed at once, while the worker tells of its consumers'
                // closing only later, and a resume sent in between reaches a consumer the worker no longer has.
                .thenComposeAsync(answer -> consumer.closed() || producer.closed() ? CompletableFuture.completedFuture(null)
                        : consumer.resume(), room.executor)
                .whenCompleteAsync((nothing, error) -> {
                    room.events.consumerReady(consumer.kind().value(), System.nanoTime() - offered, error == null);
                    if (error == null) {
                        consumerPeer.protoo.notify("consumerScore", Map.of("consumerId", consumerId, "score", consumer.score()));
                        return;
                    }
                    LOG.debug("room {}: newConsumer {} to {} failed: {}", room.key, consumerId, consumerPeer.id, error.toString());
                    if (consumerPeer.consumers.remove(consumerId) != null) {
                        consumer.close();
                        consumerPeer.protoo.notify("consumerClosed", Map.of("consumerId", consumerId));
                    }
                }, room.executor);
    }

    /**
     * {@code producerPeerId} is null for data producers of the server itself (none yet; the demo's bot).
     * The producer may be a copy piped from another leg of the room: the peer is then remote.
     */
    void consumeData(RoomPeer consumerPeer, String producerPeerId, DataProducer dataProducer) {
        Optional<WebRtcTransport> transport = consumerPeer.consumingTransport();
        if (transport.isEmpty()) {
            return;
        }
        room.media.consumeData(transport.get(), dataProducer.id()).whenCompleteAsync((dataConsumer, error) -> {
            if (error != null) {
                LOG.warn("room {}: consumeData {} for {} failed: {}", room.key, dataProducer.id(), consumerPeer.id, error.toString());
                return;
            }
            if (!room.contains(consumerPeer)) {
                dataConsumer.close();
                return;
            }
            offerData(consumerPeer, producerPeerId, dataProducer, dataConsumer);
        }, room.executor);
    }

    private void offerData(RoomPeer consumerPeer, String producerPeerId, DataProducer dataProducer, DataConsumer dataConsumer) {
        String id = dataConsumer.id();
        consumerPeer.dataConsumers.put(id, dataConsumer);
        dataConsumer.on(DataConsumer.TRANSPORT_CLOSE, nothing -> room.executor.execute(() -> consumerPeer.dataConsumers.remove(id)));
        dataConsumer.on(DataConsumer.DATA_PRODUCER_CLOSE, nothing -> room.executor.execute(() -> {
            consumerPeer.dataConsumers.remove(id);
            consumerPeer.protoo.notify("dataConsumerClosed", Map.of("dataConsumerId", id));
        }));
        ObjectNode offer = Json.object()
                .put("peerId", producerPeerId)
                .put("dataProducerId", dataProducer.id())
                .put("id", id)
                .put("label", dataConsumer.label())
                .put("protocol", dataConsumer.protocol());
        offer.set("sctpStreamParameters", Json.tree(dataConsumer.sctpStreamParameters()));
        offer.set("appData", Json.tree(dataProducer.appData()));
        consumerPeer.protoo.request("newDataConsumer", offer).whenCompleteAsync((answer, error) -> {
            if (error != null && consumerPeer.dataConsumers.remove(id) != null) {
                LOG.debug("room {}: newDataConsumer {} to {} failed: {}", room.key, id, consumerPeer.id, error.toString());
                dataConsumer.close();
            }
        }, room.executor);
    }
}
