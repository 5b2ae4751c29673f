package org.mscluster.mediasoup.observer;

import FBS.Notification.Notification;
import FBS.Request.Method;
import FBS.Router.CloseRtpObserverRequest;
import FBS.RtpObserver.AddProducerRequest;
import FBS.RtpObserver.RemoveProducerRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.AppData;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router's RTP observers share, as the Node layer's {@code RtpObserver}: they watch the
 * audio of the producers added to them and report through their own events. Emits {@link
 * #ROUTER_CLOSE}; its {@link #observer()} emits close, pause, resume, addproducer and
 * removeproducer.
 */
public abstract sealed class RtpObserver extends EventEmitter implements AutoCloseable
        permits AudioLevelObserver, ActiveSpeakerObserver {

    public static final EventType<Void> ROUTER_CLOSE = EventType.of("routerclose");

    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Void> OBSERVER_PAUSE = EventType.of("pause");
    public static final EventType<Void> OBSERVER_RESUME = EventType.of("resume");
    public static final EventType<Producer> OBSERVER_ADD_PRODUCER = EventType.of("addproducer");
    public static final EventType<Producer> OBSERVER_REMOVE_PRODUCER = EventType.of("removeproducer");

    /** Node's {@code '@close'}: the application closed the observer; for its router. */
    public static final EventType<Void> INTERNAL_CLOSE = EventType.of("@close");

    private static final Logger LOG = LoggerFactory.getLogger(RtpObserver.class);

    protected final RtpObserverInternal internal;
    protected final Channel channel;
    /** The router's producers by id: observers name producers by id, events carry the objects. */
    protected final Function<String, Producer> getProducerById;
    private final EventEmitter observer = new EventEmitter();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean paused;
    private volatile Map<String, Object> appData;

    protected RtpObserver(RtpObserverInternal internal, Channel channel, Map<String, Object> appData,
            Function<String, Producer> getProducerById) {
        this.internal = internal;
        this.channel = channel;
        this.appData = AppData.orEmpty(appData);
        this.getProducerById = getProducerById;
    }

    public String id() {
        return internal.rtpObserverId();
    }

    public boolean closed() {
        return closed.get();
    }

    public abstract RtpObserverType type();

    public boolean paused() {
        return paused;
    }

    public Map<String, Object> appData() {
        return appData;
    }

    public void setAppData(Map<String, Object> appData) {
        this.appData = appData;
    }

    public EventEmitter observer() {
        return observer;
    }

    Channel channelForTesting() {
        return channel;
    }

    /** Subscribes to the worker's notifications for this observer; subclasses call it last in their constructor. */
    protected final void subscribe() {
        channel.subscribe(id(), this::onNotification);
    }

    protected abstract void onNotification(Notification notification);

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.debug("close() [id:{}]", id());
        channel.unsubscribe(id());
        channel.request(Method.ROUTER_CLOSE_RTPOBSERVER, internal.routerId(),
                FBS.Request.Body.Router_CloseRtpObserverRequest,
                builder -> CloseRtpObserverRequest.createCloseRtpObserverRequest(builder, builder.createString(id())))
                .exceptionally(error -> null);
        emit(INTERNAL_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    /** Called by the router when it closes: the worker already dropped the observer. */
    public void routerClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.debug("routerClosed() [id:{}]", id());
        channel.unsubscribe(id());
        emit(ROUTER_CLOSE);
        observer.emit(OBSERVER_CLOSE);
    }

    public CompletableFuture<Void> pause() {
        return channel.request(Method.RTPOBSERVER_PAUSE, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = true;
            if (!wasPaused) {
                observer.emit(OBSERVER_PAUSE);
            }
        });
    }

    public CompletableFuture<Void> resume() {
        return channel.request(Method.RTPOBSERVER_RESUME, id()).thenAccept(response -> {
            boolean wasPaused = paused;
            paused = false;
            if (wasPaused) {
                observer.emit(OBSERVER_RESUME);
            }
        });
    }

    /** Starts observing a producer of the router; fails with {@link NotFoundError} for an unknown one. */
    public CompletableFuture<Void> addProducer(String producerId) {
        Producer producer = producerId == null ? null : getProducerById.apply(producerId);
        if (producer == null) {
            return CompletableFuture.failedFuture(new NotFoundError("Producer with id \"" + producerId + "\" not found"));
        }
        return channel.request(Method.RTPOBSERVER_ADD_PRODUCER, id(), FBS.Request.Body.RtpObserver_AddProducerRequest,
                builder -> AddProducerRequest.createAddProducerRequest(builder, builder.createString(producerId)))
                .thenAccept(response -> observer.emit(OBSERVER_ADD_PRODUCER, producer));
    }

    public CompletableFuture<Void> removeProducer(String producerId) {
        Producer producer = producerId == null ? null : getProducerById.apply(producerId);
        if (producer == null) {
            return CompletableFuture.failedFuture(new NotFoundError("Producer with id \"" + producerId + "\" not found"));
        }
        return channel.request(Method.RTPOBSERVER_REMOVE_PRODUCER, id(),
                FBS.Request.Body.RtpObserver_RemoveProducerRequest,
                builder -> RemoveProducerRequest.createRemoveProducerRequest(builder, builder.createString(producerId)))
                .thenAccept(response -> observer.emit(OBSERVER_REMOVE_PRODUCER, producer));
    }
}
