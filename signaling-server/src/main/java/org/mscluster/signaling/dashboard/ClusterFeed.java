package org.mscluster.signaling.dashboard;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.signaling.admin.AdminScope;
import org.mscluster.signaling.admin.ClusterJson;
import org.mscluster.signaling.admin.ClusterSource;
import org.mscluster.signaling.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the cluster to every open dashboard as server-sent events: on subscription the last 15
 * minutes of time series ({@code event: history}), then on every update the whole view for the
 * subscriber's scope with the new time-series point ({@code event: cluster}). Updates come from
 * {@link #publish} (a node's sampler, once a second) or from polling a {@link ClusterSource}
 * ({@link #pollEvery}, the dispatcher). A view is serialised once per scope per update, however many
 * dashboards watch; a subscriber that cannot keep up (channel not writable) skips updates instead of
 * queueing them.
 *
 * <p>A scope that sees more rooms than the feed's room limit gets the summary view instead
 * ({@link ClusterJson#summaryOf}, plus {@code "roomLimit"}): every room and peer of a million rooms is
 * hundreds of megabytes a second, more than a page can parse. The dashboard then reads one node
 * ({@code GET /api/nodes/{id}}) or one room at a time. Polling reads the nodes' summaries first, and
 * their room lists only when the whole cluster is within the limit: past it, every scope gets
 * summaries and an update costs a few hundred bytes a node to read.
 */
public final class ClusterFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFeed.class);
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Rooms a scope may see before its updates are summaries: a full view of this many is a few MB. */
    public static final int DEFAULT_ROOM_LIMIT = 5_000;

    /** @param gzip the subscriber's compressor, or null for plain text */
    private record Subscriber(Channel channel, AdminScope scope, GzipStream gzip) {
    }

    private final Clock clock;
    private final ClusterHistory history = new ClusterHistory(WINDOW.toMillis());
    private final Map<Channel, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final int roomLimit;
    private ScheduledExecutorService poller;

    public ClusterFeed(Clock clock) {
        this(clock, DEFAULT_ROOM_LIMIT);
    }

    /** @param roomLimit a scope that sees more rooms than this gets summaries (0: always, unless it sees none) */
    public ClusterFeed(Clock clock, int roomLimit) {
        if (roomLimit < 0) {
            throw new IllegalArgumentException("dashboard room limit must be at least 0, not " + roomLimit);
        }
        this.clock = clock;
        this.roomLimit = roomLimit;
    }

    /**
     * At most one part in this many of the time goes to reading the cluster: a read that takes longer
     * than {@code interval / (READ_SHARE - 1)} spaces the next one out (see {@link #nextDelay}).
     */
    static final int READ_SHARE = 10;

    /** How long the feed waits for one read before it gives up on it (and waits 9x as long for the next). */
    private static final Duration LONGEST_READ = Duration.ofMinutes(5);

    /**
     * Polls {@code source} every {@code interval} and publishes what it says; a cluster so large that one
     * read takes more than a tenth of that is read less often (every {@link #nextDelay}), so the feed
     * never holds the store (and the placements waiting on it) for more than a tenth of the time.
     */
    public synchronized ClusterFeed pollEvery(ClusterSource source, Duration interval) {
        if (poller != null) {
            throw new IllegalStateException("already polling");
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-feed");
            thread.setDaemon(true);
            return thread;
        });
        poller = executor;
        executor.execute(new Runnable() {
            private Duration delay = interval;

            @Override
            public void run() {
                long started = System.nanoTime();
                try {
                    // Waited for to the end (the store's own timeouts end a read that hangs): a read given up
                    // early would go on meanwhile, and the next one would overlap it.
                    pollOnce(source, Duration.ofMillis(Math.max(interval.toMillis() * 3, LONGEST_READ.toMillis())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LOG.debug("cluster feed: no reports this time: {}", e.toString());
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                Duration next = nextDelay(interval, took);
                if (next.compareTo(interval) > 0 && delay.compareTo(interval) <= 0) {
                    LOG.warn("cluster feed: reading the cluster took {} ms; the dashboard's view is updated every"
                            + " {} s instead of every {} ms while reads take this long", took.toMillis(),
                            next.toMillis() / 1000.0, interval.toMillis());
                } else if (next.compareTo(interval) <= 0 && delay.compareTo(interval) > 0) {
                    LOG.info("cluster feed: updated every {} ms again", interval.toMillis());
                }
                delay = next;
                try {
                    executor.schedule(this, next.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    // close() shut the poller down
                }
            }
        });
        return this;
    }

    /**
     * Reads the cluster once and publishes it: the nodes' summaries, then their room lists only when the
     * whole cluster is within the room limit (past it, none is read).
     *
     * @param wait how long each read may take
     */
    void pollOnce(ClusterSource source, Duration wait) throws Exception {
        List<NodeSummary> summaries = source.summaries().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        List<NodeReport> reports = ClusterJson.roomCount(summaries) > roomLimit ? null
                : source.reports().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        publishAt(clock.millis(), summaries, reports);
    }

    /** The pause before the next read: {@code interval}, or longer so that reads take at most 1/{@link #READ_SHARE} of the time. */
    static Duration nextDelay(Duration interval, Duration lastRead) {
        Duration spaced = lastRead.multipliedBy(READ_SHARE - 1);
        return spaced.compareTo(interval) > 0 ? spaced : interval;
    }

    /** Records a point and sends every subscriber its view. */
    public void publish(List<NodeReport> reports) {
        publishAt(clock.millis(), reports);
    }

    /** {@link #publish} with the point's time given (history replayed at start, tests). */
    public void publishAt(long timeMillis, List<NodeReport> reports) {
        publishAt(timeMillis, reports.stream().map(NodeReport::summary).toList(), reports);
    }

    /**
     * Records a point from {@code summaries} and sends every subscriber its view: the whole view of
     * {@code reports} for a scope that sees at most the room limit, else the summary.
     *
     * @param reports the same nodes' whole reports; null when the cluster is past the limit (every scope gets
     *     summaries, and no room list was read)
     */
    private void publishAt(long timeMillis, List<NodeSummary> summaries, List<NodeReport> reports) {
        ClusterHistory.Point point = history.record(timeMillis, summaries);
        if (subscribers.isEmpty()) {
            return;
        }
        Map<AdminScope, String> events = new HashMap<>();
        for (Subscriber subscriber : subscribers.values()) {
            if (!subscriber.channel().isActive()) {
                subscribers.remove(subscriber.channel());
                continue;
            }
            if (!subscriber.channel().isWritable()) {
                continue;
            }
            AdminScope key = new AdminScope(subscriber.scope().namespace(), "");
            String event = events.computeIfAbsent(key, scope -> {
                List<NodeSummary> visible = ClusterJson.visibleSummaries(summaries, scope, null, null);
                Map<String, Object> view;
                if (reports == null || ClusterJson.roomCount(visible) > roomLimit) {
                    view = ClusterJson.summaryOf(visible, scope, clock.instant());
                    view.put("roomLimit", roomLimit);
                } else {
                    view = ClusterJson.cluster(ClusterJson.visible(reports, scope, null, null), scope, clock.instant());
                }
                view.put("point", ClusterHistory.json(point, scope));
                return "event: cluster\ndata: " + Json.write(view) + "\n\n";
            });
            send(subscriber, event);
        }
    }

    /**
     * Starts sending to {@code channel} (whose SSE response head is written): first the history.
     *
     * @param gzip whether the response is {@code Content-Encoding: gzip}
     */
    void subscribe(Channel channel, AdminScope scope, boolean gzip) {
        Subscriber subscriber = new Subscriber(channel, scope, gzip ? new GzipStream() : null);
        // The history first: updates start once it is on its way.
        send(subscriber, "event: history\ndata: " + Json.write(Map.of("points", history.json(scope),
                "windowMillis", WINDOW.toMillis())) + "\n\n");
        subscribers.put(channel, subscriber);
        channel.closeFuture().addListener(closed -> {
            subscribers.remove(channel);
            if (subscriber.gzip() != null) {
                synchronized (subscriber) {
                    subscriber.gzip().close();
                }
            }
        });
    }

    /** Encodes and writes under the subscriber's lock: a gzip stream's pieces must reach the socket in order. */
    private void send(Subscriber subscriber, String event) {
        synchronized (subscriber) {
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            if (subscriber.gzip() != null) {
                if (!subscriber.channel().isActive()) {
                    return;
                }
                bytes = subscriber.gzip().encode(bytes);
            }
            bytesSent.addAndGet(bytes.length);
            subscriber.channel().writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
        }
    }

    /** Open dashboards. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Bytes of events sent so far, as written (compressed where the client accepts gzip). */
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        for (Subscriber subscriber : subscribers.values()) {
            subscriber.channel().close();
        }
        subscribers.clear();
    }
}
