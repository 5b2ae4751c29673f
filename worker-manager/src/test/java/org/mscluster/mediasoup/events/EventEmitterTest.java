package org.mscluster.mediasoup.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Node's EventEmitter as the layer uses it: order, once, off, safe emit, and what an emit sees. */
class EventEmitterTest {

    private static final EventType<String> MESSAGE = EventType.of("message");
    private static final EventType<Void> CLOSE = EventType.of("close");

    @Test
    void listenersRunInRegistrationOrderPerType() {
        EventEmitter emitter = new EventEmitter();
        List<String> calls = new ArrayList<>();
        emitter.on(MESSAGE, value -> calls.add("a:" + value));
        emitter.on(CLOSE, nothing -> calls.add("close"));
        emitter.on(MESSAGE, value -> calls.add("b:" + value));

        assertThat(emitter.emit(MESSAGE, "x")).isTrue();
        assertThat(emitter.emit(CLOSE)).isTrue();
        assertThat(emitter.emit(EventType.<String>of("other"), "y")).isFalse();

        assertThat(calls).containsExactly("a:x", "b:x", "close");
        assertThat(emitter.listenerCount(MESSAGE)).isEqualTo(2);
        // Types are equal by name, as the map keyed them before.
        assertThat(emitter.listenerCount(EventType.of("message"))).isEqualTo(2);
    }

    @Test
    void offRemovesOneRegistrationAndOnceRunsOnce() {
        EventEmitter emitter = new EventEmitter();
        List<String> calls = new ArrayList<>();
        Consumer<String> twice = value -> calls.add("twice:" + value);
        emitter.on(MESSAGE, twice).on(MESSAGE, twice);
        emitter.once(MESSAGE, value -> calls.add("once:" + value));

        emitter.emit(MESSAGE, "1");
        emitter.off(MESSAGE, twice);
        emitter.emit(MESSAGE, "2");
        emitter.off(MESSAGE, twice);
        emitter.off(MESSAGE, twice);

        assertThat(calls).containsExactly("twice:1", "twice:1", "once:1", "twice:2");
        assertThat(emitter.listenerCount(MESSAGE)).isZero();
        assertThat(emitter.emit(MESSAGE, "3")).isFalse();
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        EventEmitter emitter = new EventEmitter();
        List<String> calls = new ArrayList<>();
        emitter.on(MESSAGE, value -> {
            throw new IllegalStateException("boom");
        });
        emitter.on(MESSAGE, calls::add);

        assertThat(emitter.emit(MESSAGE, "x")).isTrue();
        assertThat(calls).containsExactly("x");
    }

    @Test
    void anEmitCallsTheListenersRegisteredWhenItStarted() {
        EventEmitter emitter = new EventEmitter();
        List<String> calls = new ArrayList<>();
        Consumer<String> late = value -> calls.add("late:" + value);
        emitter.on(MESSAGE, value -> {
            calls.add("first:" + value);
            emitter.on(MESSAGE, late);
        });

        emitter.emit(MESSAGE, "1");
        emitter.removeAllListeners();
        emitter.on(MESSAGE, late);
        emitter.emit(MESSAGE, "2");

        assertThat(calls).containsExactly("first:1", "late:2");
    }
}
