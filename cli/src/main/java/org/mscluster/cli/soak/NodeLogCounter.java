package org.mscluster.cli.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * Counts the warnings and errors this JVM logs (the node's and, through its log channel, the worker's)
 * by level, logger and message with ids and numbers blanked: a soak's run shows what went wrong inside
 * the node even when no client saw it. The log lines still reach stderr as configured.
 */
public final class NodeLogCounter extends AppenderBase<ILoggingEvent> {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Attaches a counter to the root logger. */
    public static NodeLogCounter attach() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        NodeLogCounter counter = new NodeLogCounter();
        counter.setContext(root.getLoggerContext());
        counter.setName("soak-log-counter");
        counter.start();
        root.addAppender(counter);
        return counter;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            String key = event.getLevel() + " " + event.getLoggerName() + " - " + VirtualPeer.normalize(event.getFormattedMessage());
            counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> byKind() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((key, value) -> out.put(key, value.sum()));
        return out;
    }

    /** Forgets what was counted so far (the warm-up's). */
    public Map<String, Long> reset() {
        Map<String, Long> before = byKind();
        counts.clear();
        return before;
    }
}
