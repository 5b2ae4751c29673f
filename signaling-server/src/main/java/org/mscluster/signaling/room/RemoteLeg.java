package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.transport.PipeTransport;

/**
 * Another node's leg of this room, as this leg knows it: its joined peers and its producers (as it
 * last announced them), our PipeTransport toward it, and what crosses that pipe in each direction.
 * Confined to the room's executor.
 */
final class RemoteLeg {

    final String nodeId;
    /** Its room's identity on that node; a new one means the room there was opened again. Null until heard from. */
    String instance;
    /** Our pipe transport toward it; created when the leg is first known. */
    final CompletableFuture<PipeTransport> pipe;
    /** Completes once our pipe is connected to its pipe; what we pipe waits for it. */
    final CompletableFuture<PipeTransport> connected = new CompletableFuture<>();
    boolean connectRequested;
    /** Their pipe ({@code ip:port}) ours is connected to; null until connected. */
    String remotePipe;
    /** Whether it has our state: events may follow it (before, the state sent later covers them). */
    boolean greeted;
    /** Its joined peers: id → {id, displayName, device}. */
    final Map<String, JsonNode> peers = new LinkedHashMap<>();
    final Map<String, Remote> producers = new LinkedHashMap<>();
    final Map<String, RemoteData> dataProducers = new LinkedHashMap<>();
    /** Our producers piped to it: producer id → the pipe consumer here. */
    final Map<String, Consumer> pipeConsumers = new LinkedHashMap<>();
    final Map<String, DataConsumer> pipeDataConsumers = new LinkedHashMap<>();

    RemoteLeg(String nodeId, CompletableFuture<PipeTransport> pipe) {
        this.nodeId = nodeId;
        this.pipe = pipe;
    }

    /** A producer of that leg; piped here on demand. */
    static final class Remote {
        final String id;
        final String peerId;
        final MediaKind kind;
        boolean paused;
        final JsonNode appData;
        /** Asked for; null until a local peer needs it. */
        CompletableFuture<Producer> piping;
        /** The copy on our router, set on the room's executor once piped. */
        Producer producer;
        /** The peers here offered a consumer of the copy (each once; a peer object per connection). */
        final Set<RoomPeer> offeredTo = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean closed;

        Remote(String id, String peerId, MediaKind kind, boolean paused, JsonNode appData) {
            this.id = id;
            this.peerId = peerId;
            this.kind = kind;
            this.paused = paused;
            this.appData = appData;
        }
    }

    /** A data producer of that leg (chat); piped here on demand. */
    static final class RemoteData {
        final String id;
        final String peerId;
        final String label;
        CompletableFuture<DataProducer> piping;
        DataProducer dataProducer;
        final Set<RoomPeer> offeredTo = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean closed;

        RemoteData(String id, String peerId, String label) {
            this.id = id;
            this.peerId = peerId;
            this.label = label;
        }
    }
}
