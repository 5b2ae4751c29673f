package org.mscluster.channel;

import FBS.Log.Log;
import FBS.Message.Body;
import FBS.Message.Message;
import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.Request.Method;
import FBS.Request.Request;
import FBS.Response.Response;
import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request/response and notification protocol of one worker, over any {@link WorkerHost}.
 *
 * <ul>
 *   <li>Requests get u32 ids (wrapping, never 0) and wait in a table until their response; a
 *       refused request fails with the exception its {@link ChannelErrors} makes of the
 *       {@link ChannelFailure} ({@code INVALID_ARGUMENT} for the worker's {@code TypeError},
 *       {@code NOT_FOUND}, or {@code WORKER}), carrying the worker's reason; one unanswered for 15 s (plus 0.1 s per
 *       request in flight, as the Node layer allows) fails with a timeout.</li>
 *   <li>Notifications are routed by handler id, in arrival order. A notification for an entity can
 *       arrive before the response that created it, so callers {@link #buffer} the new entity's
 *       id before sending the create request and {@link #subscribe} replays what was buffered.</li>
 *   <li>Worker log lines go to the SLF4J logger {@code mediasoup.worker} at their level.</li>
 *   <li>When the worker ends, every pending request fails as {@link ChannelFailure#CLOSED}.</li>
 * </ul>
 *
 * Responses and notifications are handled on the host's delivery thread: listeners must not block.
 */
public final class Channel implements MessageSink, AutoCloseable {

    /** The worker drops larger messages; refusing them here gives the caller an error instead of a hang. */
    public static final int MAX_MESSAGE_SIZE = 4_194_304;

    private static final Logger LOG = LoggerFactory.getLogger(Channel.class);
    private static final Logger WORKER_LOG = LoggerFactory.getLogger("mediasoup.worker");
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mediasoup-channel-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private static final ThreadLocal<FlatBufferBuilder> BUILDERS =
            ThreadLocal.withInitial(() -> new FlatBufferBuilder(1024));

    private final String name;
    private final WorkerHost host;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, PendingRequest> pending = new ConcurrentHashMap<>();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> running;
    private final ScheduledFuture<?> timeoutSweep;
    private volatile RuntimeException closedBy;
    private final ChannelErrors errors;
    private volatile String lastErrorLog;

    /**
     * Starts a worker through {@code hostStarter}, which receives this channel as the sink of the
     * worker's messages.
     */
    /** A channel that fails with {@link ChannelException}s. */
    public Channel(String name, Function<MessageSink, WorkerHost> hostStarter) {
        this(name, hostStarter, ChannelErrors.PLAIN);
    }

    /** @param errors makes the exceptions requests and sends fail with (the mediasoup API's own errors) */
    public Channel(String name, Function<MessageSink, WorkerHost> hostStarter, ChannelErrors errors) {
        this.errors = errors;
        this.name = name;
        this.running = new ChannelFuture<>(this::isDeliveryThread);
        this.host = hostStarter.apply(this);
        this.host.exit().whenComplete((exit, error) -> onHostExit(exit, error));
        this.timeoutSweep = TIMEOUTS.scheduleWithFixedDelay(this::failTimedOut, 1, 1, TimeUnit.SECONDS);
    }

    public String name() {
        return name;
    }

    public WorkerHost host() {
        return host;
    }

    /** Completes when the worker announced {@code WORKER_RUNNING}; fails if it ended before. */
    public CompletableFuture<Void> running() {
        return running;
    }

    public boolean closed() {
        return closedBy != null;
    }

    public boolean isDeliveryThread(Thread thread) {
        return host != null && host.isDeliveryThread(thread);
    }

    public CompletableFuture<Response> request(int method, String handlerId) {
        return request(method, handlerId, (byte) 0, null);
    }

    public CompletableFuture<Response> request(int method, String handlerId, byte bodyType, BodyWriter body) {
        ChannelFuture<Response> future = new ChannelFuture<>(this::isDeliveryThread);
        RuntimeException closedError = closedBy;
        if (closedError != null) {
            future.completeExceptionally(errors.create(ChannelFailure.CLOSED, "Channel closed (" + closedError.getMessage() + ")"));
            return future;
        }
        int id = nextRequestId();
        ByteBuffer message;
        try {
            FlatBufferBuilder builder = BUILDERS.get();
            builder.clear();
            int handlerOffset = builder.createString(handlerId == null ? "" : handlerId);
            int bodyOffset = body == null ? 0 : body.write(builder);
            int request = Request.createRequest(builder, Integer.toUnsignedLong(id), method, handlerOffset, bodyType, bodyOffset);
            builder.finish(Message.createMessage(builder, Body.Request, request));
            message = builder.dataBuffer();
        } catch (RuntimeException e) {
            future.completeExceptionally(errors.create(ChannelFailure.INVALID_ARGUMENT, "cannot encode " + Method.name(method) + ": " + e.getMessage()));
            return future;
        }
        if (message.remaining() > MAX_MESSAGE_SIZE) {
            future.completeExceptionally(errors.create(ChannelFailure.INVALID_ARGUMENT, Method.name(method) + " request of " + message.remaining()
                    + " bytes is over the worker's limit of " + MAX_MESSAGE_SIZE));
            return future;
        }
        PendingRequest entry = new PendingRequest(method, future, System.nanoTime());
        pending.put(id, entry);
        // Checked again after registering: a close that ran in between has already failed the table.
        closedError = closedBy;
        if (closedError != null || !host.send(message)) {
            pending.remove(id);
            future.completeExceptionally(errors.create(ChannelFailure.CLOSED, "Channel closed"));
        }
        return future;
    }

    public void notify(int event, String handlerId, byte bodyType, BodyWriter body) {
        send(event, handlerId, bodyType, body, false);
    }

    /**
     * Sends the worker its last message ({@code WORKER_CLOSE}); nothing can be sent afterwards and no
     * wake-up reaches the worker after it, since the worker frees its channel handle on closing.
     */
    public void notifyLast(int event, String handlerId) {
        send(event, handlerId, (byte) 0, null, true);
    }

    private void send(int event, String handlerId, byte bodyType, BodyWriter body, boolean last) {
        if (closedBy != null) {
            throw errors.create(ChannelFailure.CLOSED, "Channel closed");
        }
        FlatBufferBuilder builder = BUILDERS.get();
        builder.clear();
        int handlerOffset = builder.createString(handlerId == null ? "" : handlerId);
        int bodyOffset = body == null ? 0 : body.write(builder);
        int notification = Notification.createNotification(builder, handlerOffset, event, bodyType, bodyOffset);
        builder.finish(Message.createMessage(builder, Body.Notification, notification));
        ByteBuffer message = builder.dataBuffer();
        if (message.remaining() > MAX_MESSAGE_SIZE) {
            throw errors.create(ChannelFailure.INVALID_ARGUMENT, Event.name(event) + " notification of " + message.remaining()
                    + " bytes is over the worker's limit of " + MAX_MESSAGE_SIZE);
        }
        boolean sent = last ? host.sendLast(message) : host.send(message);
        if (!sent) {
            throw errors.create(ChannelFailure.CLOSED, "Channel closed");
        }
    }

    /**
     * Starts keeping the notifications of {@code handlerId} until {@link #subscribe} takes them:
     * call it before the request that creates the entity. Cancel with {@link #unsubscribe} if the
     * creation fails.
     */
    public void buffer(String handlerId) {
        routes.putIfAbsent(handlerId, new Route());
    }

    /** Delivers the notifications of {@code handlerId} to {@code listener}, first those buffered for it. */
    public void subscribe(String handlerId, NotificationListener listener) {
        Route route = routes.computeIfAbsent(handlerId, id -> new Route());
        route.attach(handlerId, listener);
    }

    public void unsubscribe(String handlerId) {
        routes.remove(handlerId);
    }

    /** The worker's most recent error log line, or null: the reason behind a failed start, in-process. */
    public String lastErrorLog() {
        return lastErrorLog;
    }

    /** How many requests wait for a response (for load figures and leak checks). */
    public int pendingRequests() {
        return pending.size();
    }

    @Override
    public void onMessage(ByteBuffer buffer) {
        try {
            Message message = Message.getRootAsMessage(buffer);
            switch (message.dataType()) {
                case Body.Response -> onResponse((Response) message.data(new Response()));
                case Body.Notification -> onNotification((Notification) message.data(new Notification()));
                case Body.Log -> onLog((Log) message.data(new Log()));
                default -> LOG.warn("[{}] unexpected message type {} from the worker", name, message.dataType());
            }
        } catch (RuntimeException e) {
            LOG.error("[{}] malformed message from the worker ({} bytes)", name, buffer.remaining(), e);
        }
    }

    private void onResponse(Response response) {
        int id = (int) response.id();
        PendingRequest entry = pending.remove(id);
        if (entry == null) {
            if (closedBy != null) {
                // Closing failed the table already; the worker still answers what it had read (as Node stops listening).
                LOG.debug("[{}] response for request id {} after the channel closed", name, Integer.toUnsignedLong(id));
            } else {
                LOG.warn("[{}] response for unknown request id {}", name, Integer.toUnsignedLong(id));
            }
            return;
        }
        if (response.accepted()) {
            entry.future.complete(response);
            return;
        }
        String reason = response.reason();
        String error = response.error();
        RuntimeException failure;
        if ("TypeError".equals(error)) {
            failure = errors.create(ChannelFailure.INVALID_ARGUMENT, reason);
        } else if ("NotFoundError".equals(error)) {
            failure = errors.create(ChannelFailure.NOT_FOUND, reason);
        } else {
            failure = errors.create(ChannelFailure.WORKER, reason);
        }
        entry.future.completeExceptionally(failure);
    }

    private void onNotification(Notification notification) {
        int event = notification.event();
        if (event == Event.WORKER_RUNNING) {
            // Its handler id is the worker's pid, which in-process is the JVM's for every worker.
            running.complete(null);
            return;
        }
        String handlerId = notification.handlerId();
        Route route = routes.get(handlerId);
        if (route == null) {
            LOG.debug("[{}] {} for {} has no listener", name, Event.name(event), handlerId);
            return;
        }
        route.deliver(handlerId, notification);
    }

    private void onLog(Log log) {
        String data = log.data();
        if (data == null || data.isEmpty()) {
            return;
        }
        String text = data.substring(1);
        switch (data.charAt(0)) {
            case 'D' -> WORKER_LOG.debug("[{}] {}", name, text);
            case 'W' -> WORKER_LOG.warn("[{}] {}", name, text);
            case 'E' -> {
                lastErrorLog = text;
                WORKER_LOG.error("[{}] {}", name, text);
            }
            case 'X' -> WORKER_LOG.info("[{}] {}", name, text);
            default -> WORKER_LOG.info("[{}] {}", name, data);
        }
    }

    /** Makes {@code last} the most recent id, so tests can reach the wrap-around. */
    void resetRequestIds(int last) {
        nextId.set(last);
    }

    private int nextRequestId() {
        int id;
        do {
            id = nextId.incrementAndGet();
        } while (id == 0);
        return id;
    }

    private void failTimedOut() {
        if (pending.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long allowed = TimeUnit.MILLISECONDS.toNanos(15_000 + 100L * pending.size());
        pending.forEach((id, entry) -> {
            if (now - entry.sentAt > allowed && pending.remove(id, entry)) {
                entry.future.completeExceptionally(errors.create(ChannelFailure.WORKER, 
                        "request " + Method.name(entry.method) + " timed out (no response from the worker)"));
            }
        });
    }

    private void onHostExit(WorkerExit exit, Throwable error) {
        String reason = error != null ? "worker host failed: " + error.getMessage() : "worker ended: " + exit.describe();
        closeWith(errors.create(ChannelFailure.CLOSED, reason));
        running.completeExceptionally(errors.create(ChannelFailure.CLOSED, reason));
    }

    /** Fails every pending request and refuses new ones; the worker itself is closed by its owner. */
    @Override
    public void close() {
        closeWith(errors.create(ChannelFailure.CLOSED, "Channel closed"));
    }

    private void closeWith(RuntimeException cause) {
        if (closedBy == null) {
            closedBy = cause;
        }
        timeoutSweep.cancel(false);
        for (Integer id : List.copyOf(pending.keySet())) {
            PendingRequest entry = pending.remove(id);
            if (entry != null) {
                entry.future.completeExceptionally(errors.create(ChannelFailure.CLOSED, 
                        "request " + Method.name(entry.method) + " failed: " + closedBy.getMessage()));
            }
        }
    }

    private record PendingRequest(int method, CompletableFuture<Response> future, long sentAt) {
    }

    /** The listener of one handler id, or the notifications kept for it until it subscribes. */
    private static final class Route {
        private List<Notification> buffered = new ArrayList<>();
        private NotificationListener listener;

        synchronized void attach(String handlerId, NotificationListener newListener) {
            if (listener != null) {
                throw new IllegalStateException("handler id " + handlerId + " already has a listener");
            }
            // Replayed under the lock so a notification arriving meanwhile waits behind the buffered ones.
            for (Notification notification : buffered) {
                call(newListener, handlerId, notification);
            }
            buffered = null;
            listener = newListener;
        }

        synchronized void deliver(String handlerId, Notification notification) {
            if (listener != null) {
                call(listener, handlerId, notification);
            } else if (buffered != null) {
                buffered.add(notification);
            }
        }

        private static void call(NotificationListener listener, String handlerId, Notification notification) {
            try {
                listener.onNotification(notification);
            } catch (RuntimeException e) {
                LOG.error("listener of {} failed on {}", handlerId, Event.name(notification.event()), e);
            }
        }
    }
}
