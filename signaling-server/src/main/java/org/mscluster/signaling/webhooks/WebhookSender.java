package org.mscluster.signaling.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the namespaces' URLs: each event is POSTed as JSON with its signature, one
 * event at a time per stream (a room, or the node) and URL, so a receiver gets a room's events in
 * the order they happened. A delivery that fails (no connection, timeout, any status but 2xx) is
 * retried after 1 s, 2 s, 4 s… (at most {@code maxBackoff} apart) until {@code retryFor} after the
 * event, then given up and logged; the events behind it in its stream wait meanwhile, and then
 * follow in order. Delivery is at least once: a receiver that answered too late may see an event
 * twice and should deduplicate by {@code id} (also in the {@code X-Mscluster-Delivery} header).
 * {@link #send} tells when an event is finished with: delivered everywhere, given up, or left undelivered
 * by {@link #close()}.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    /** A receiver down for hours must not exhaust memory: past this, a stream drops its oldest events. */
    private static final int MAX_QUEUED_PER_STREAM = 10_000;

    private final WebhookSettings settings;
    private final NamespaceSecrets secrets;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService retries;
    private final Map<String, Stream> streams = new HashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private volatile boolean closed;

    /**
     * How one event ended at one URL, or at all of them ({@link #allReported}).
     *
     * @param lastError when given up, the last attempt's failure ({@code HTTP 503}, the exception); null when delivered
     * @param attempts when given up, the attempts made (0: dropped from a full queue unsent)
     */
    public record Outcome(boolean delivered, String lastError, int attempts) {
        static final Outcome DELIVERED = new Outcome(true, null, 0);
    }

    /** @param done once delivered or given up; failed when the sender closed first */
    private record Delivery(WebhookEvent event, URI url, byte[] body, String signature, CompletableFuture<Outcome> done) {
    }

    /** The events of one stream for one URL; guarded by the sender. */
    private static final class Stream {
        final String key;
        final ArrayDeque<Delivery> queue = new ArrayDeque<>();
        boolean inFlight;
        int attempts;

        Stream(String key) {
            this.key = key;
        }
    }

    /** @throws IllegalArgumentException if a namespace with URLs has no secret to sign with */
    public WebhookSender(WebhookSettings settings, NamespaceSecrets secrets, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = clock;
        for (String namespace : settings.namespaces()) {
            if (secrets.secretOf(namespace).isEmpty()) {
                throw new IllegalArgumentException("webhooks of namespace '" + namespace
                        + "' need its secret to be signed (--namespace-secret " + namespace + "=...)");
            }
        }
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** Whether the namespace has any URL: callers skip building events nobody receives. */
    public boolean wants(String namespace) {
        return settings.urls().containsKey(namespace);
    }

    /**
     * Queues the event for each URL of its namespace. Never blocks. Completes with true once every URL
     * has it (at once when the namespace has none), with false when any delivery was given up, and
     * exceptionally when the sender closed before it was finished with.
     */
    public CompletableFuture<Boolean> send(WebhookEvent event) {
        return sendReporting(event).thenApply(Outcome::delivered);
    }

    /** {@link #send}, with the last failure and the attempts of a delivery that was given up. */
    public CompletableFuture<Outcome> sendReporting(WebhookEvent event) {
        List<URI> urls = settings.urls().get(event.namespace());
        if (urls == null) {
            return CompletableFuture.completedFuture(Outcome.DELIVERED);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new CancellationException("webhook sender closed"));
        }
        byte[] body = Json.write(event.body()).getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(secrets.secretOf(event.namespace()).orElseThrow(), body);
        List<CompletableFuture<Outcome>> all = new java.util.ArrayList<>();
        for (URI url : urls) {
            Delivery delivery = new Delivery(event, url, body, signature, new CompletableFuture<>());
            all.add(delivery.done());
            Stream stream;
            synchronized (this) {
                stream = streams.computeIfAbsent(url + " " + event.stream(), Stream::new);
                if (stream.queue.size() >= MAX_QUEUED_PER_STREAM) {
                    Delivery dropped = stream.inFlight ? null : stream.queue.pollFirst();
                    if (dropped != null) {
                        givenUp.incrementAndGet();
                        dropped.done().complete(new Outcome(false, "dropped: " + MAX_QUEUED_PER_STREAM
                                + " events queued for this receiver", 0));
                        LOG.warn("webhook {} to {}: queue full, event {} dropped", dropped.event().type(), url, dropped.event().id());
                    }
                }
                stream.queue.addLast(delivery);
                if (stream.inFlight) {
                    continue;
                }
                stream.inFlight = true;
            }
            attempt(stream);
        }
        return allReported(all);
    }

    /**
     * Every delivery's outcome as one: delivered if all were; otherwise given up, with the first
     * given-up delivery's error and attempts. Failed if any was left undelivered.
     */
    static CompletableFuture<Outcome> allReported(List<CompletableFuture<Outcome>> all) {
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(nothing -> all.stream().map(CompletableFuture::join).filter(o -> !o.delivered()).findFirst()
                        .orElse(Outcome.DELIVERED));
    }

    private void attempt(Stream stream) {
        Delivery head;
        synchronized (this) {
            head = stream.queue.peekFirst();
        }
        HttpRequest request = HttpRequest.newBuilder(head.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "mscluster-webhooks/1")
                .header(WebhookSignature.HEADER, head.signature())
                .header("X-Mscluster-Event", head.event().type())
                .header("X-Mscluster-Delivery", head.event().id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(head.body()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                head.done().complete(Outcome.DELIVERED);
                next(stream, true);
            } else {
                failedAttempts.incrementAndGet();
                retry(stream, head, error != null ? error.toString() : "HTTP " + response.statusCode());
            }
        });
    }

    private void retry(Stream stream, Delivery head, String why) {
        Instant deadline = head.event().time().plus(settings.retryFor());
        int attempts;
        synchronized (this) {
            attempts = ++stream.attempts;
        }
        if (closed) {
            head.done().completeExceptionally(new CancellationException("webhook sender closed"));
            next(stream, true);
            return;
        }
        if (!clock.instant().isBefore(deadline)) {
            givenUp.incrementAndGet();
            head.done().complete(new Outcome(false, why, attempts));
            LOG.warn("webhook {} {} to {} given up after {} attempts: {}", head.event().type(), head.event().id(), head.url(),
                    attempts, why);
            next(stream, true);
            return;
        }
        long backoff = Math.min(settings.maxBackoff().toMillis(), settings.firstBackoff().toMillis() << Math.min(20, attempts - 1));
        backoff = Math.max(1, Math.min(backoff, Duration.between(clock.instant(), deadline).toMillis()));
        if (attempts == 1) {
            LOG.info("webhook {} to {} failed ({}), retrying for up to {} s", head.event().type(), head.url(), why,
                    settings.retryFor().toSeconds());
        }
        try {
            retries.schedule(() -> attempt(stream), backoff, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            head.done().completeExceptionally(new CancellationException("webhook sender closed"));
            next(stream, true);
        }
    }

    /** The head is done with (delivered or given up): on to the next event of the stream, or retire the stream. */
    private void next(Stream stream, boolean dropHead) {
        synchronized (this) {
            if (dropHead) {
                stream.queue.pollFirst();
            }
            stream.attempts = 0;
            if (stream.queue.isEmpty() || closed) {
                stream.inFlight = false;
                if (stream.queue.isEmpty()) {
                    streams.remove(stream.key, stream);
                }
                notifyAll();
                return;
            }
        }
        attempt(stream);
    }

    /** Events waiting or in flight, over all streams. */
    public synchronized int pending() {
        return streams.values().stream().mapToInt(s -> s.queue.size()).sum();
    }

    public long delivered() {
        return delivered.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    public long givenUp() {
        return givenUp.get();
    }

    /** Waits up to {@code timeout} for every queued event to be delivered or given up; true if none is left. */
    public synchronized boolean flush(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (pending() > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Stops retrying; what is still queued is logged and dropped. */
    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        int left = pending();
        if (left > 0) {
            LOG.warn("webhooks: {} events not delivered at shutdown", left);
        }
        synchronized (this) {
            for (Stream stream : streams.values()) {
                for (Delivery delivery : stream.queue) {
                    delivery.done().completeExceptionally(new CancellationException("webhook sender closed"));
                }
            }
        }
    }
}
