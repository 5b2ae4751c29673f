package org.mscluster.cluster.redis;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.mscluster.cluster.mesh.NodeMesh;
import redis.clients.jedis.UnifiedJedis;

/**
 * One node's listening on its mesh channel ({@link ChannelSubscription}), with one delivery thread
 * that takes the messages in arrival order: a slow handler delays its own node's messages only.
 */
final class MeshChannel implements NodeMesh.Subscription {

    private final String nodeId;
    private final Consumer<MeshChannel> onClose;
    private final ExecutorService delivery;
    private final ChannelSubscription subscription;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param deliver called on the delivery thread with each message, in arrival order, until closed
     * @param onClose called once, by {@link #close()}
     */
    private MeshChannel(UnifiedJedis redis, String channel, String nodeId, Consumer<String> deliver,
            Consumer<MeshChannel> onClose) {
        this.nodeId = nodeId;
        this.onClose = onClose;
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-mesh-" + nodeId);
            thread.setDaemon(true);
            return thread;
        });
        this.subscription = new ChannelSubscription(redis, channel, deliver, delivery, "node-mesh-channel-" + nodeId);
    }

    static MeshChannel open(UnifiedJedis redis, String channel, String nodeId, Consumer<String> deliver,
            Consumer<MeshChannel> onClose) {
        MeshChannel mesh = new MeshChannel(redis, channel, nodeId, deliver, onClose);
        mesh.subscription.start();
        return mesh;
    }

    String nodeId() {
        return nodeId;
    }

    @Override
    public boolean active() {
        return subscription.active();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        subscription.close();
        delivery.shutdown();
        onClose.accept(this);
    }
}
