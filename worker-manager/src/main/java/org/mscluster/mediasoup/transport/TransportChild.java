package org.mscluster.mediasoup.transport;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.AppData;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a transport's producers and consumers, RTP and data alike, share: appData, an observer, and
 * the Node layer's two ways of ending — {@link #close()} by the application, which tells the worker,
 * and {@link #transportClosed()} by the transport, when the worker has already dropped the entity.
 * Other endings (a consumer's producer closing) use {@link #markClosed()}.
 */
public abstract class TransportChild extends EventEmitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransportChild.class);
    // Equal to each subclass's constants of the same names: event types compare by name.
    private static final EventType<Void> TRANSPORT_CLOSED = EventType.of("transportclose");
    private static final EventType<Void> OBSERVER_CLOSED = EventType.of("close");
    private static final EventType<Void> INTERNAL_CLOSED = EventType.of("@close");

    protected final Channel channel;
    private final EventEmitter observer = new EventEmitter();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Map<String, Object> appData;

    public TransportChild(Channel channel, Map<String, Object> appData) {
        this.channel = channel;
        this.appData = AppData.orEmpty(appData);
    }

    public abstract String id();

    /** The request that tells the worker this entity is gone (sent by {@link #close()}). */
    public abstract CompletableFuture<?> requestClose();

    public boolean closed() {
        return closed.get();
    }

    /** Marks this closed; false if it already was, so each way of ending runs once. */
    protected final boolean markClosed() {
        return closed.compareAndSet(false, true);
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

    /** Closes this in the worker too; returns at once. */
    @Override
    public void close() {
        if (!markClosed()) {
            return;
        }
        if (LOG.isDebugEnabled()) { // the class name is looked up only when logged (every close of every child)
            LOG.debug("close() [{} {}]", getClass().getSimpleName(), id());
        }
        channel.unsubscribe(id());
        requestClose().exceptionally(error -> null);
        emit(INTERNAL_CLOSED);
        observer.emit(OBSERVER_CLOSED);
    }

    /** Called by the transport when it closes: the worker already dropped this. */
    public void transportClosed() {
        if (!markClosed()) {
            return;
        }
        if (LOG.isDebugEnabled()) { // the class name is looked up only when logged (every close of every child)
            LOG.debug("transportClosed() [{} {}]", getClass().getSimpleName(), id());
        }
        channel.unsubscribe(id());
        emit(TRANSPORT_CLOSED);
        observer.emit(OBSERVER_CLOSED);
    }
}
