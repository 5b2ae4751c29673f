package org.mscluster.mediasoup.events;

/**
 * An event name and the type of its payload; events without payload use {@link Void} (delivered as
 * {@code null}).
 */
public record EventType<T>(String name) {

    public static <T> EventType<T> of(String name) {
        return new EventType<>(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
