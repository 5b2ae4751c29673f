package org.mscluster.cluster.redis;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Listening on one pub/sub channel for as long as it is open: a reader thread blocked in SUBSCRIBE,
 * subscribing again after a lost connection (a Redis restart), which only hands each message to an
 * executor of the owner's, so a slow handler never delays the reading (Redis would answer that by
 * buffering and at last dropping the connection at its pub/sub output limit).
 *
 * <p>Only the reader ever writes to the subscribed connection. Jedis's pub/sub keeps writing to a
 * connection it may have given back to the pool a moment earlier, so an UNSUBSCRIBE sent from the
 * closing thread could land in another borrower's command (a garbled PUBLISH was seen once): closing
 * publishes {@link #WAKE} on the channel instead, and the reader, woken, unsubscribes itself. Nor is
 * the reader ever interrupted: Jedis leaves its read loop on an interrupt without reading the
 * UNSUBSCRIBE reply, and the connection would go back to the pool with that reply unread.
 *
 * <p>The subscription holds one pooled connection while subscribed.
 */
final class ChannelSubscription extends JedisPubSub {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelSubscription.class);
    /** The pause before subscribing again after a lost connection. */
    private static final long RESUBSCRIBE_MS = 500;
    /** Published on a closing subscription's own channel so that its reader leaves; never delivered. */
    static final String WAKE = "subscription:wake";

    private final UnifiedJedis redis;
    private final String channel;
    private final Consumer<String> deliver;
    private final Executor delivery;
    private final Thread reader;
    /**
     * Guards {@link #subscribed} and {@link #closed} together, so that a close racing with a
     * subscription going through is seen by the reader, which alone sends the UNSUBSCRIBE.
     */
    private final Object lock = new Object();
    /** Our own flag: Jedis's {@code isSubscribed()} stays true after the connection is lost. */
    private volatile boolean subscribed;
    private volatile boolean closed;

    /**
     * @param deliver called through {@code delivery} with each message, in arrival order if the
     *     executor keeps it, until closed
     * @param readerName the reader thread's name
     */
    ChannelSubscription(UnifiedJedis redis, String channel, Consumer<String> deliver, Executor delivery, String readerName) {
        this.redis = redis;
        this.channel = channel;
        this.deliver = deliver;
        this.delivery = delivery;
        this.reader = new Thread(this::read, readerName);
        reader.setDaemon(true);
    }

    ChannelSubscription start() {
        reader.start();
        return this;
    }

    /** Subscribes, and again after a lost connection, until closed. */
    private void read() {
        while (!closed) {
            try {
                redis.subscribe(this, channel);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.debug("{}: subscription lost ({}), subscribing again", channel, e.toString());
                }
            } finally {
                synchronized (lock) {
                    subscribed = false;
                }
            }
            if (!closed) {
                try {
                    Thread.sleep(RESUBSCRIBE_MS);
                } catch (InterruptedException interrupted) {
                    return; // nobody interrupts it but a JVM going down
                }
            }
        }
    }

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
        synchronized (lock) {
            subscribed = true;
            if (closed) {
                // Closed before the subscription went through: leave at once, or the reader blocks for good.
                unsubscribe();
            }
        }
    }

    @Override
    public void onMessage(String channel, String message) {
        if (closed) {
            // The wake-up, or any message after closing: the reader leaves from its own thread.
            synchronized (lock) {
                if (subscribed) {
                    subscribed = false;
                    unsubscribe();
                }
            }
            return;
        }
        if (WAKE.equals(message)) {
            return; // another, closed subscription's wake-up on the same channel
        }
        try {
            delivery.execute(() -> {
                if (!closed) { // messages still queued when the owner stopped listening are not its any more
                    deliver.accept(message);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    boolean active() {
        return !closed && subscribed;
    }

    /** Stops delivering at once; the reader leaves within a round trip (or a pause, if Redis is away). */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (subscribed) {
            try {
                redis.publish(channel, WAKE);
            } catch (RuntimeException e) {
                LOG.debug("{}: waking the reader: {}", channel, e.toString());
            }
        }
    }
}
