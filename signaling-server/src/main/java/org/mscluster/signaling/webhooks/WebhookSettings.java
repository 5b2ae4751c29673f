package org.mscluster.signaling.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mscluster.cluster.model.Names;

/**
 * Where each namespace's events go, and how hard to try.
 *
 * @param urls per namespace, the URLs every event of that namespace is POSTed to
 * @param retryFor how long an event is retried before it is given up (and logged)
 * @param firstBackoff the wait before the first retry; each next one doubles, up to {@code maxBackoff}
 * @param requestTimeout a receiver slower than this counts as down (the event is retried)
 * @param nodeEvents whether this server sends {@code node_up}, {@code node_draining} and {@code node_down}
 *     for itself: yes for a standalone node; in a cluster, one dispatcher sends them for every node
 */
public record WebhookSettings(Map<String, List<URI>> urls, Duration retryFor, Duration firstBackoff, Duration maxBackoff,
        Duration requestTimeout, boolean nodeEvents) {

    public static final WebhookSettings NONE = new WebhookSettings(Map.of(), null, null, null, null, true);

    public WebhookSettings {
        Map<String, List<URI>> copy = new LinkedHashMap<>();
        urls.forEach((namespace, list) -> {
            Names.requireSimple(namespace, "namespace");
            for (URI url : list) {
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                    throw new IllegalArgumentException("webhook URL must be http(s): " + url);
                }
            }
            copy.put(namespace, List.copyOf(list));
        });
        urls = Map.copyOf(copy);
        retryFor = retryFor == null ? Duration.ofMinutes(5) : retryFor;
        firstBackoff = firstBackoff == null ? Duration.ofSeconds(1) : firstBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    }

    /**
     * Parses {@code --webhook NAMESPACE=URL} values (repeatable; a namespace may have several URLs).
     */
    public static WebhookSettings parse(List<String> assignments) {
        Map<String, List<URI>> urls = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected NAMESPACE=URL, got '" + assignment + "'");
            }
            urls.computeIfAbsent(assignment.substring(0, eq).trim(), k -> new java.util.ArrayList<>())
                    .add(URI.create(assignment.substring(eq + 1).trim()));
        }
        return new WebhookSettings(urls, null, null, null, null, true);
    }

    public WebhookSettings withRetry(Duration retryFor, Duration firstBackoff, Duration maxBackoff) {
        return new WebhookSettings(urls, retryFor, firstBackoff, maxBackoff, requestTimeout, nodeEvents);
    }

    public WebhookSettings withNodeEvents(boolean send) {
        return new WebhookSettings(urls, retryFor, firstBackoff, maxBackoff, requestTimeout, send);
    }

    public Set<String> namespaces() {
        return urls.keySet();
    }

    public boolean isEmpty() {
        return urls.isEmpty();
    }
}
