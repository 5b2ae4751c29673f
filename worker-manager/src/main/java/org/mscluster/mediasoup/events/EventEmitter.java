package org.mscluster.mediasoup.events;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners per event type. Emitting is safe in the Node layer's {@code safeEmit} sense: a listener
 * that throws is logged and the others still run. Listeners run on the emitting thread, which for
 * worker notifications is the channel's delivery thread: they must not block.
 *
 * <p>Every mediasoup object is an emitter (and has an observer, another one), and a router registers
 * six listeners on each new transport, so registering must be cheap: the listeners are one array per
 * type in one array per emitter, replaced as a whole on every change (copy on write, as
 * {@code CopyOnWriteArrayList} per type in a {@code ConcurrentHashMap} did, without allocating a
 * hash table and a list for each). An emit calls the listeners registered when it started.
 */
public class EventEmitter {

    private static final Logger LOG = LoggerFactory.getLogger(EventEmitter.class);
    private static final Registration[] NONE = new Registration[0];

    /** Changed under this object's lock, read without it. */
    private volatile Registration[] registrations = NONE;

    /** The listeners of one type, in registration order; never empty. */
    private record Registration(EventType<?> type, Consumer<?>[] listeners) {
    }

    public synchronized <T> EventEmitter on(EventType<T> type, Consumer<? super T> listener) {
        Objects.requireNonNull(type, "type");
        Registration[] current = registrations;
        int index = indexOf(current, type);
        Registration[] updated;
        if (index < 0) {
            updated = Arrays.copyOf(current, current.length + 1);
            updated[current.length] = new Registration(type, new Consumer<?>[] {listener});
        } else {
            Consumer<?>[] listeners = current[index].listeners();
            Consumer<?>[] more = Arrays.copyOf(listeners, listeners.length + 1);
            more[listeners.length] = listener;
            updated = current.clone();
            updated[index] = new Registration(type, more);
        }
        registrations = updated;
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

    /** Removes the first registration of {@code listener} for {@code type}, if any. */
    public synchronized <T> EventEmitter off(EventType<T> type, Consumer<? super T> listener) {
        Registration[] current = registrations;
        int index = indexOf(current, type);
        if (index < 0) {
            return this;
        }
        Consumer<?>[] listeners = current[index].listeners();
        int position = -1;
        for (int i = 0; i < listeners.length && position < 0; i++) {
            if (Objects.equals(listener, listeners[i])) {
                position = i;
            }
        }
        if (position < 0) {
            return this;
        }
        Registration[] updated;
        if (listeners.length == 1) {
            updated = new Registration[current.length - 1];
            System.arraycopy(current, 0, updated, 0, index);
            System.arraycopy(current, index + 1, updated, index, current.length - index - 1);
        } else {
            Consumer<?>[] fewer = new Consumer<?>[listeners.length - 1];
            System.arraycopy(listeners, 0, fewer, 0, position);
            System.arraycopy(listeners, position + 1, fewer, position, listeners.length - position - 1);
            updated = current.clone();
            updated[index] = new Registration(type, fewer);
        }
        registrations = updated;
        return this;
    }

    public synchronized void removeAllListeners() {
        registrations = NONE;
    }

    public int listenerCount(EventType<?> type) {
        Registration[] current = registrations;
        int index = indexOf(current, type);
        return index < 0 ? 0 : current[index].listeners().length;
    }

    /** Calls every listener of {@code type}; returns whether there was any. */
    @SuppressWarnings("unchecked")
    public <T> boolean emit(EventType<T> type, T value) {
        Registration[] current = registrations;
        int index = indexOf(current, type);
        if (index < 0) {
            return false;
        }
        for (Consumer<?> listener : current[index].listeners()) {
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

    private static int indexOf(Registration[] registrations, EventType<?> type) {
        for (int i = 0; i < registrations.length; i++) {
            EventType<?> registered = registrations[i].type();
            if (registered == type || registered.equals(type)) {
                return i;
            }
        }
        return -1;
    }
}
