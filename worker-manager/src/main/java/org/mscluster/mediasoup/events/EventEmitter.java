package org.mscluster.mediasoup.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners per event type. Emitting is safe in the Node layer's {@code safeEmit} sense: a listener
 * that throws is logged and the others still run. Listeners run on the emitting thread, which for
 * worker notifications is the channel's delivery thread: they must not block.
 */
public class EventEmitter {

    private static final Logger LOG = LoggerFactory.getLogger(EventEmitter.class);

    private final Map<EventType<?>, List<Consumer<?>>> listeners = new ConcurrentHashMap<>();

    public <T> EventEmitter on(EventType<T> type, Consumer<? super T> listener) {
        listeners.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(listener);
        return this;
    }

    /** Registers a listener that is removed before its first call. */
    public <T> EventEmitter once(EventType<T> type, Consumer<? super T> listener) {
        Consumer<T> wrapper = new Consumer<>() {
            @Override
            public void accept(T value) {
                off(type, this);
                listener.accept(value);
            }
        };
        return on(type, wrapper);
    }

    public <T> EventEmitter off(EventType<T> type, Consumer<? super T> listener) {
        List<Consumer<?>> list = listeners.get(type);
        if (list != null) {
            list.remove(listener);
        }
        return this;
    }

    public void removeAllListeners() {
        listeners.clear();
    }

    public int listenerCount(EventType<?> type) {
        List<Consumer<?>> list = listeners.get(type);
        return list == null ? 0 : list.size();
    }

    /** Calls every listener of {@code type}; returns whether there was any. */
    @SuppressWarnings("unchecked")
    public <T> boolean emit(EventType<T> type, T value) {
        List<Consumer<?>> list = listeners.get(type);
        if (list == null || list.isEmpty()) {
            return false;
        }
        for (Consumer<?> listener : list) {
            try {
                ((Consumer<T>) listener).accept(value);
            } catch (RuntimeException e) {
                LOG.error("{} listener failed", type, e);
            }
        }
        return true;
    }

    public boolean emit(EventType<Void> type) {
        return emit(type, null);
    }
}
