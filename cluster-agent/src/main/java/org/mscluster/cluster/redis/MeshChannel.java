package org.mscluster.cluster.redis;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.mscluster.cluster.mesh.NodeMesh;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * One node's listening on its mesh channel: a reader thread blocked in SUBSCRIBE, subscribing again
 * after a lost connection (a Redis restart), and one delivery thread that takes the messages in
 * arrival order. The reader only hands messages on: a slow handler delays its own node's messages,
 * never the reading, which Redis would otherwise answer by buffering on the server and at last
 * dropping the connection (its pub/sub output buffer limit).
 *
 * <p>The subscription holds one pooled connection while subscribed, as {@code RedisNodeCommands} does.
 */
final class MeshChannel extends JedisPubSub implements NodeMesh.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(MeshChannel.class);
    /** The pause before subscribing again after a lost connection. */
    private static final long RESUBSCRIBE_MS = 500;
    /** Published on a closing subscription's own channel so that its reader leaves; not an envelope, ignored by others. */
    static final String WAKE = "mesh:wake";

    private final UnifiedJedis redis;
    private final String channel;
    private final String nodeId;
    private final Consumer<String> deliver;
    private final Consumer<MeshChannel> onClose;
    private final ExecutorService delivery;
    private final Thread reader;
    /**
     * Guards {@link #subscribed} and {@link #closed} together, so that a close racing with a subscription
     * going through is seen by the reader, which alone sends the UNSUBSCRIBE (from {@link #onSubscribe} or,
     * woken by {@link #close()}, from {@link #onMessage}).
     */
    private final Object lock = new Object();
    /** Our own flag: Jedis's {@code isSubscribed()} stays true after the connection is lost. */
    private volatile boolean subscribed;
    private volatile boolean closed;

    /**
     * @param deliver called on the delivery thread with each message, in arrival order, until closed
     * @param onClose called once, by {@link #close()}
     */
    private MeshChannel(UnifiedJedis redis, String channel, String nodeId, Consumer<String> deliver,
            Consumer<MeshChannel> onClose) {
        this.redis = redis;
        this.channel = channel;
        this.nodeId = nodeId;
        this.deliver = deliver;
        this.onClose = onClose;
        this.delivery = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "node-mesh-" + nodeId));
        this.reader = daemon(this::read, "node-mesh-channel-" + nodeId);
    }

    static MeshChannel open(UnifiedJedis redis, String channel, String nodeId, Consumer<String> deliver,
            Consumer<MeshChannel> onClose) {
        MeshChannel subscription = new MeshChannel(redis, channel, nodeId, deliver, onClose);
        subscription.reader.start();
        return subscription;
    }

    /** Subscribes, and again after a lost connection, until closed. */
    private void read() {
        while (!closed) {
            try {
                redis.subscribe(this, channel);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.debug("node {}: mesh channel lost ({}), subscribing again", nodeId, e.toString());
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
            // The reader leaves from its own thread (see close()): the wake-up, or any message after closing.
            synchronized (lock) {
                if (subscribed) {
                    subscribed = false;
                    unsubscribe();
                }
            }
            return;
        }
        try {
            delivery.execute(() -> {
                if (!closed) { // messages still queued when the node stopped listening are not its any more
                    deliver.accept(message);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    String nodeId() {
        return nodeId;
    }

    @Override
    public boolean active() {
        return !closed && subscribed;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (subscribed) {
            // Wake the reader rather than unsubscribe from here: Jedis's pub/sub keeps writing to a connection it
            // may have given back to the pool a moment earlier, and a write from this thread could land in
            // another borrower's command. The reader unsubscribes from its own thread, inside its read loop.
            try {
                redis.publish(this.channel, WAKE);
            } catch (RuntimeException e) {
                LOG.debug("node {}: waking the mesh reader: {}", nodeId, e.toString());
            }
        }
        // No interrupt for the reader either: Jedis leaves its read loop on an interrupt without reading the
        // UNSUBSCRIBE reply, and the connection would go back to the pool with that reply unread (the
        // next command borrowing it would get it as its own answer). It sees the flag within a pause.
        delivery.shutdown();
        onClose.accept(this);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
