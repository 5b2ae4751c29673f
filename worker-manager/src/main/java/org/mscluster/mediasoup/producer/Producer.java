package org.mscluster.mediasoup.producer;

import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.Producer.EnableTraceEventRequest;
import FBS.Producer.GetStatsResponse;
import FBS.Producer.ScoreNotification;
import FBS.Producer.SendNotification;
import FBS.Producer.TraceNotification;
import FBS.Producer.VideoOrientationChangeNotification;
import FBS.Request.Method;
import FBS.Transport.CloseProducerRequest;
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
import org.mscluster.mediasoup.fbs.MediaKinds;
import org.mscluster.mediasoup.fbs.RtpMappingFbs;
import org.mscluster.mediasoup.fbs.RtpParametersFbs;
import org.mscluster.mediasoup.fbs.RtpStreamDumpFbs;
import org.mscluster.mediasoup.fbs.RtpStreamStatsFbs;
import org.mscluster.mediasoup.fbs.TraceInfoFbs;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.rtp.RtpStreamRecvStats;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media an endpoint sends into a router, as the Node layer's {@code Producer}: created by {@code
 * transport.produce()}, closed with it. Emits {@link #TRANSPORT_CLOSE}, {@link #SCORE}, {@link
 * #VIDEO_ORIENTATION_CHANGE} and {@link #TRACE}; its {@link #observer()} emits {@link
 * #OBSERVER_CLOSE}, {@link #OBSERVER_PAUSE}, {@link #OBSERVER_RESUME} and the same score,
 * orientation and trace events.
 *
 * <p>Methods that ask the worker return futures completed on the worker's channel thread; the
 * state they change ({@link #paused()}) is updated there, in the worker's order, so concurrent
 * {@code pause()}/{@code resume()} calls end in the state of the last one, as in Node.
 */
public final class Producer extends TransportChild {

    /** The transport closed, and with it this producer. */
    public static final EventType<Void> TRANSPORT_CLOSE = EventType.of("transportclose");
    /** New scores of the producer's streams (also kept in {@link #score()}). */
    public static final EventType<List<ProducerScore>> SCORE = EventType.of("score");
    public static final EventType<ProducerVideoOrientation> VIDEO_ORIENTATION_CHANGE =
            EventType.of("videoorientationchange");
    public static final EventType<ProducerTraceEventData> TRACE = EventType.of("trace");

    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Void> OBSERVER_PAUSE = EventType.of("pause");
    public static final EventType<Void> OBSERVER_RESUME = EventType.of("resume");
    public static final EventType<List<ProducerScore>> OBSERVER_SCORE = SCORE;
    public static final EventType<ProducerVideoOrientation> OBSERVER_VIDEO_ORIENTATION_CHANGE = VIDEO_ORIENTATION_CHANGE;
    public static final EventType<ProducerTraceEventData> OBSERVER_TRACE = TRACE;

    /**
     * Node's {@code '@close'}: the application closed the producer. For its transport (and router),
     * which forget it then; not for applications, which have {@link #OBSERVER_CLOSE}.
     */
    public static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");

    private static final Logger LOG = LoggerFactory.getLogger(Producer.class);

    private final ProducerInternal internal;
    private final ProducerData data;
    private volatile boolean paused;
    private volatile List<ProducerScore> score = List.of();

    /**
     * For {@code Transport.produce()}, once the worker created the producer. The transport must
     * have called {@code channel.buffer(producerId)} before its request: this subscribes and
     * replays what the worker already said about the producer.
     */
    public Producer(ProducerInternal internal, ProducerData data, Channel channel, Map<String, Object> appData,
            boolean paused) {
        super(channel, appData);
        this.internal = internal;
        this.data = data;
        this.paused = paused;
        channel.subscribe(internal.producerId(), this::onNotification);
    }

    public String id() {
        return internal.producerId();
    }

    public MediaKind kind() {
        return data.kind();
    }

    public RtpParameters rtpParameters() {
        return data.rtpParameters();
    }

    public ProducerType type() {
        return data.type();
    }

    /** The parameters consumers of this producer are derived from (router payload types, mapped SSRCs). */
    public RtpParameters consumableRtpParameters() {
        return data.consumableRtpParameters();
    }

    public boolean paused() {
        return paused;
    }

    /** The latest scores of the producer's streams; empty until the worker sends one. */
    public List<ProducerScore> score() {
        return score;
    }

    /** The channel, so tests can inject notifications as Node's {@code channelForTesting} allows. */
    public Channel channelForTesting() {
        return channel;
    }
    @Override
    public CompletableFuture<?> requestClose() {
        return channel.request(Method.TRANSPORT_CLOSE_PRODUCER, internal.transportId(),
                FBS.Request.Body.Transport_CloseProducerRequest,
                builder -> CloseProducerRequest.createCloseProducerRequest(builder, builder.createString(id())));
    }

    public CompletableFuture<ProducerDump> dump() {
        return channel.request(Method.PRODUCER_DUMP, id()).thenApply(response -> {
            FBS.Producer.DumpResponse dump = (FBS.Producer.DumpResponse) response.body(new FBS.Producer.DumpResponse());
            return new ProducerDump(
                    dump.id(),
                    MediaKinds.fromFbs(dump.kind()),
                    ProducerType.fromFbs(dump.type()),
                    RtpParametersFbs.parse(dump.rtpParameters()),
                    dump.rtpMapping() == null ? null : RtpMappingFbs.parse(dump.rtpMapping()),
                    FbsVectors.list(dump.rtpStreamsLength(), i -> RtpStreamDumpFbs.parse(dump.rtpStreams(i))),
                    FbsVectors.list(dump.traceEventTypesLength(),
                            i -> ProducerTraceEventType.fromFbs(dump.traceEventTypes(i))),
                    dump.paused());
        });
    }

    /** Receive statistics of each of the producer's streams (empty until media arrives). */
    public CompletableFuture<List<RtpStreamRecvStats>> getStats() {
        return channel.request(Method.PRODUCER_GET_STATS, id()).thenApply(response -> {
            GetStatsResponse stats = (GetStatsResponse) response.body(new GetStatsResponse());
            return FbsVectors.list(stats.statsLength(), i -> RtpStreamStatsFbs.parseRecv(stats.stats(i)));
        });
    }

    public CompletableFuture<Void> pause() {
        LOG.debug("pause() [id:{}]", id());
        return channel.request(Method.PRODUCER_PAUSE, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = true;
            if (!wasPaused) {
                observer().emit(OBSERVER_PAUSE);
            }
        });
    }

    public CompletableFuture<Void> resume() {
        LOG.debug("resume() [id:{}]", id());
        return channel.request(Method.PRODUCER_RESUME, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = false;
            if (wasPaused) {
                observer().emit(OBSERVER_RESUME);
            }
        });
    }

    /** Enables exactly these {@link #TRACE} event types (none: disables them all). */
    public CompletableFuture<Void> enableTraceEvent(Collection<ProducerTraceEventType> types) {
        byte[] events;
        try {
            events = EnumMappings.distinctCodes(types, ProducerTraceEventType::toFbs);
        } catch (TypeError e) {
            return CompletableFuture.failedFuture(e);
        }
        return channel.request(Method.PRODUCER_ENABLE_TRACE_EVENT, id(), FBS.Request.Body.Producer_EnableTraceEventRequest,
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
            return enableTraceEvent(EnumMappings.known(ProducerTraceEventType.class, types, unknown -> LOG.warn("enableTraceEvent() | ignoring unknown type {}", unknown)));
        } catch (TypeError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Injects an RTP packet into the producer; only for producers of a DirectTransport. */
    public void send(byte[] rtpPacket) {
        if (rtpPacket == null) {
            throw new TypeError("rtpPacket must be a Buffer");
        }
        channel.notify(Event.PRODUCER_SEND, id(), FBS.Notification.Body.Producer_SendNotification,
                builder -> SendNotification.createSendNotification(builder,
                        SendNotification.createDataVector(builder, rtpPacket)));
    }

    private void onNotification(Notification notification) {
        switch (notification.event()) {
            case Event.PRODUCER_SCORE -> {
                ScoreNotification body = (ScoreNotification) notification.body(new ScoreNotification());
                List<ProducerScore> scores = FbsVectors.list(body.scoresLength(), i -> {
                    FBS.Producer.Score s = body.scores(i);
                    return new ProducerScore(s.encodingIdx(), s.ssrc(), s.rid(), s.score());
                });
                score = scores;
                emit(SCORE, scores);
                observer().emit(OBSERVER_SCORE, scores);
            }
            case Event.PRODUCER_VIDEO_ORIENTATION_CHANGE -> {
                VideoOrientationChangeNotification body =
                        (VideoOrientationChangeNotification) notification.body(new VideoOrientationChangeNotification());
                ProducerVideoOrientation orientation =
                        new ProducerVideoOrientation(body.camera(), body.flip(), body.rotation());
                emit(VIDEO_ORIENTATION_CHANGE, orientation);
                observer().emit(OBSERVER_VIDEO_ORIENTATION_CHANGE, orientation);
            }
            case Event.PRODUCER_TRACE -> {
                TraceNotification body = (TraceNotification) notification.body(new TraceNotification());
                ProducerTraceEventData trace = new ProducerTraceEventData(ProducerTraceEventType.fromFbs(body.type()),
                        body.timestamp(), TraceInfoFbs.direction(body.direction()), TraceInfoFbs.producerInfo(body));
                emit(TRACE, trace);
                observer().emit(OBSERVER_TRACE, trace);
            }
            default -> LOG.error("ignoring unknown event {}", Event.name(notification.event()));
        }
    }
}
