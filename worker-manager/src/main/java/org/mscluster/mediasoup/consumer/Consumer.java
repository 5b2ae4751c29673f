package org.mscluster.mediasoup.consumer;

import FBS.Consumer.EnableTraceEventRequest;
import FBS.Consumer.GetStatsResponse;
import FBS.Consumer.LayersChangeNotification;
import FBS.Consumer.RtpNotification;
import FBS.Consumer.ScoreNotification;
import FBS.Consumer.SetPreferredLayersRequest;
import FBS.Consumer.SetPreferredLayersResponse;
import FBS.Consumer.SetPriorityRequest;
import FBS.Consumer.SetPriorityResponse;
import FBS.Consumer.TraceNotification;
import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.Request.Method;
import FBS.Transport.CloseConsumerRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.FbsVectors;
import org.mscluster.mediasoup.fbs.OptionalFields;
import org.mscluster.mediasoup.fbs.RtpStreamStatsFbs;
import org.mscluster.mediasoup.fbs.TraceInfoFbs;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.rtp.RtpStreamStats;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media a router sends to an endpoint, as the Node layer's {@code Consumer}: created by {@code
 * transport.consume()}, closed with its transport or its producer. Emits {@link #TRANSPORT_CLOSE},
 * {@link #PRODUCER_CLOSE}, {@link #PRODUCER_PAUSE}, {@link #PRODUCER_RESUME}, {@link #SCORE},
 * {@link #LAYERS_CHANGE}, {@link #TRACE} and, on a DirectTransport, {@link #RTP}; its {@link
 * #observer()} emits close, pause, resume, score, layerschange and trace.
 *
 * <p>The observer's pause/resume reflect whether media flows, so they fire only when the
 * consumer's own state or its producer's changes that ({@code paused || producerPaused}).
 */
public final class Consumer extends TransportChild {

    public static final EventType<Void> TRANSPORT_CLOSE = EventType.of("transportclose");
    public static final EventType<Void> PRODUCER_CLOSE = EventType.of("producerclose");
    public static final EventType<Void> PRODUCER_PAUSE = EventType.of("producerpause");
    public static final EventType<Void> PRODUCER_RESUME = EventType.of("producerresume");
    public static final EventType<ConsumerScore> SCORE = EventType.of("score");
    /** The layers being forwarded changed; {@code null} when none is (e.g. the producer stopped). */
    public static final EventType<ConsumerLayers> LAYERS_CHANGE = EventType.of("layerschange");
    public static final EventType<ConsumerTraceEventData> TRACE = EventType.of("trace");
    /** An RTP packet the consumer sends, for consumers of a DirectTransport. */
    public static final EventType<byte[]> RTP = EventType.of("rtp");

    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Void> OBSERVER_PAUSE = EventType.of("pause");
    public static final EventType<Void> OBSERVER_RESUME = EventType.of("resume");
    public static final EventType<ConsumerScore> OBSERVER_SCORE = SCORE;
    public static final EventType<ConsumerLayers> OBSERVER_LAYERS_CHANGE = LAYERS_CHANGE;
    public static final EventType<ConsumerTraceEventData> OBSERVER_TRACE = TRACE;

    /** Node's {@code '@close'}: the application closed the consumer; for its transport. */
    public static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");
    /** Node's {@code '@producerclose'}: the worker closed the consumer with its producer; for its transport. */
    public static final EventType<Void> INTERNAL_PRODUCER_CLOSE = EventType.of("@producerclose");

    private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);

    private final ConsumerInternal internal;
    private final ConsumerData data;
    private volatile boolean paused;
    private volatile boolean producerPaused;
    private volatile int priority = 1;
    private volatile ConsumerScore score;
    private volatile ConsumerLayers preferredLayers;
    private volatile ConsumerLayers currentLayers;

    /**
     * For {@code Transport.consume()}, with what the consume response says ({@code score} may be
     * {@code null}: then {@link ConsumerScore#INITIAL}). The transport must have called {@code
     * channel.buffer(consumerId)} before its request: this subscribes and replays early events.
     */
    public Consumer(ConsumerInternal internal, ConsumerData data, Channel channel, Map<String, Object> appData,
            boolean paused, boolean producerPaused, ConsumerScore score, ConsumerLayers preferredLayers) {
        super(channel, appData);
        this.internal = internal;
        this.data = data;
        this.paused = paused;
        this.producerPaused = producerPaused;
        this.score = score == null ? ConsumerScore.INITIAL : score;
        this.preferredLayers = preferredLayers;
        channel.subscribe(internal.consumerId(), this::onNotification);
    }

    public String id() {
        return internal.consumerId();
    }

    public String producerId() {
        return data.producerId();
    }

    public MediaKind kind() {
        return data.kind();
    }

    public RtpParameters rtpParameters() {
        return data.rtpParameters();
    }

    public ConsumerType type() {
        return data.type();
    }

    public boolean paused() {
        return paused;
    }

    public boolean producerPaused() {
        return producerPaused;
    }

    public int priority() {
        return priority;
    }

    public ConsumerScore score() {
        return score;
    }

    /** {@code null} for consumers without layers (simple, pipe). */
    public ConsumerLayers preferredLayers() {
        return preferredLayers;
    }

    /** {@code null} until the worker reports the layers it forwards. */
    public ConsumerLayers currentLayers() {
        return currentLayers;
    }

    public Channel channelForTesting() {
        return channel;
    }
    @Override
    public CompletableFuture<?> requestClose() {
        return channel.request(Method.TRANSPORT_CLOSE_CONSUMER, internal.transportId(),
                FBS.Request.Body.Transport_CloseConsumerRequest,
                builder -> CloseConsumerRequest.createCloseConsumerRequest(builder, builder.createString(id())));
    }

    public CompletableFuture<ConsumerDump> dump() {
        return channel.request(Method.CONSUMER_DUMP, id()).thenApply(response -> ConsumerDumps.parse(
                (FBS.Consumer.DumpResponse) response.body(new FBS.Consumer.DumpResponse())));
    }

    /** The consumer's send stats, followed by its producer's receive stats for the stream it forwards. */
    public CompletableFuture<List<RtpStreamStats>> getStats() {
        return channel.request(Method.CONSUMER_GET_STATS, id()).thenApply(response -> {
            GetStatsResponse stats = (GetStatsResponse) response.body(new GetStatsResponse());
            return FbsVectors.list(stats.statsLength(), i -> RtpStreamStatsFbs.parse(stats.stats(i)));
        });
    }

    public CompletableFuture<Void> pause() {
        LOG.debug("pause() [id:{}]", id());
        return channel.request(Method.CONSUMER_PAUSE, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = true;
            if (!wasPaused && !producerPaused) {
                observer().emit(OBSERVER_PAUSE);
            }
        });
    }

    public CompletableFuture<Void> resume() {
        LOG.debug("resume() [id:{}]", id());
        return channel.request(Method.CONSUMER_RESUME, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = false;
            if (wasPaused && !producerPaused) {
                observer().emit(OBSERVER_RESUME);
            }
        });
    }

    /**
     * Asks for these layers (clamped by the worker to what the producer has); {@link
     * #preferredLayers()} then holds what the worker chose, {@code null} for consumers without layers.
     */
    public CompletableFuture<Void> setPreferredLayers(ConsumerLayers layers) {
        if (layers == null || layers.spatialLayer() == null) {
            return CompletableFuture.failedFuture(new TypeError("spatialLayer must be a number"));
        }
        return channel.request(Method.CONSUMER_SET_PREFERRED_LAYERS, id(),
                FBS.Request.Body.Consumer_SetPreferredLayersRequest, builder -> {
                    FBS.Consumer.ConsumerLayers.startConsumerLayers(builder);
                    FBS.Consumer.ConsumerLayers.addSpatialLayer(builder, layers.spatialLayer());
                    OptionalFields.addByte(builder, 1, layers.temporalLayer());
                    int layersOffset = FBS.Consumer.ConsumerLayers.endConsumerLayers(builder);
                    return SetPreferredLayersRequest.createSetPreferredLayersRequest(builder, layersOffset);
                }).thenAccept(response -> {
                    // The response has no body for consumers without layers.
                    SetPreferredLayersResponse body =
                            (SetPreferredLayersResponse) response.body(new SetPreferredLayersResponse());
                    FBS.Consumer.ConsumerLayers chosen = body == null ? null : body.preferredLayers();
                    preferredLayers = chosen == null ? null : ConsumerLayers.fromFbs(chosen);
                });
    }

    /** Priority (1–255) in the transport's bandwidth distribution among its consumers. */
    public CompletableFuture<Void> setPriority(int priority) {
        if (priority < 0) {
            return CompletableFuture.failedFuture(new TypeError("priority must be a positive number"));
        }
        return channel.request(Method.CONSUMER_SET_PRIORITY, id(), FBS.Request.Body.Consumer_SetPriorityRequest,
                builder -> SetPriorityRequest.createSetPriorityRequest(builder, priority))
                .thenAccept(response -> {
                    SetPriorityResponse body = (SetPriorityResponse) response.body(new SetPriorityResponse());
                    this.priority = body.priority();
                });
    }

    public CompletableFuture<Void> unsetPriority() {
        return setPriority(1);
    }

    public CompletableFuture<Void> requestKeyFrame() {
        return channel.request(Method.CONSUMER_REQUEST_KEY_FRAME, id()).thenApply(response -> null);
    }

    /** Enables exactly these {@link #TRACE} event types (none: disables them all). */
    public CompletableFuture<Void> enableTraceEvent(Collection<ConsumerTraceEventType> types) {
        byte[] events;
        try {
            events = EnumMappings.distinctCodes(types, ConsumerTraceEventType::toFbs);
        } catch (TypeError e) {
            return CompletableFuture.failedFuture(e);
        }
        return channel.request(Method.CONSUMER_ENABLE_TRACE_EVENT, id(), FBS.Request.Body.Consumer_EnableTraceEventRequest,
                builder -> EnableTraceEventRequest.createEnableTraceEventRequest(builder,
                        EnableTraceEventRequest.createEventsVector(builder, events)))
                .thenApply(response -> null);
    }

    /**
     * Node's form, taking event names: names mediasoup does not know are ignored, as the Node layer
     * ignores them; a {@code null} array or name is the {@link TypeError} Node raises for a
     * non-array or non-string. No names disables every trace event.
     */
    public CompletableFuture<Void> enableTraceEvent(String... types) {
        try {
            return enableTraceEvent(EnumMappings.known(ConsumerTraceEventType.class, types, unknown -> LOG.warn("enableTraceEvent() | ignoring unknown type {}", unknown)));
        } catch (TypeError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void onNotification(Notification notification) {
        switch (notification.event()) {
            case Event.CONSUMER_PRODUCER_CLOSE -> {
                if (!markClosed()) {
                    return;
                }
                channel.unsubscribe(id());
                emit(INTERNAL_PRODUCER_CLOSE);
                emit(PRODUCER_CLOSE);
                observer().emit(OBSERVER_CLOSE);
            }
            case Event.CONSUMER_PRODUCER_PAUSE -> {
                if (producerPaused) {
                    return;
                }
                producerPaused = true;
                emit(PRODUCER_PAUSE);
                if (!paused) {
                    observer().emit(OBSERVER_PAUSE);
                }
            }
            case Event.CONSUMER_PRODUCER_RESUME -> {
                if (!producerPaused) {
                    return;
                }
                producerPaused = false;
                emit(PRODUCER_RESUME);
                if (!paused) {
                    observer().emit(OBSERVER_RESUME);
                }
            }
            case Event.CONSUMER_SCORE -> {
                ScoreNotification body = (ScoreNotification) notification.body(new ScoreNotification());
                ConsumerScore newScore = ConsumerScore.fromFbs(body.score());
                score = newScore;
                emit(SCORE, newScore);
                observer().emit(OBSERVER_SCORE, newScore);
            }
            case Event.CONSUMER_LAYERS_CHANGE -> {
                LayersChangeNotification body = (LayersChangeNotification) notification.body(new LayersChangeNotification());
                FBS.Consumer.ConsumerLayers fbsLayers = body.layers();
                ConsumerLayers layers = fbsLayers == null ? null : ConsumerLayers.fromFbs(fbsLayers);
                currentLayers = layers;
                emit(LAYERS_CHANGE, layers);
                observer().emit(OBSERVER_LAYERS_CHANGE, layers);
            }
            case Event.CONSUMER_TRACE -> {
                TraceNotification body = (TraceNotification) notification.body(new TraceNotification());
                ConsumerTraceEventData trace = new ConsumerTraceEventData(ConsumerTraceEventType.fromFbs(body.type()),
                        body.timestamp(), TraceInfoFbs.direction(body.direction()), TraceInfoFbs.consumerInfo(body));
                emit(TRACE, trace);
                observer().emit(OBSERVER_TRACE, trace);
            }
            case Event.CONSUMER_RTP -> {
                if (closed()) {
                    return;
                }
                RtpNotification body = (RtpNotification) notification.body(new RtpNotification());
                ByteBuffer packet = body.dataAsByteBuffer();
                byte[] bytes = new byte[packet.remaining()];
                packet.get(bytes);
                emit(RTP, bytes);
            }
            default -> LOG.error("ignoring unknown event {}", Event.name(notification.event()));
        }
    }
}
