package org.mscluster.signaling.egress;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.admin.AdminScope;
import org.mscluster.signaling.admin.EgressEndpoints;
import org.mscluster.signaling.admin.ClusterSource;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.RouteRequest;
import org.mscluster.signaling.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dispatcher's egress API: each request goes, as it came (method, path, body, the admin's token), to the
 * node's own admin API over HTTP, and its answer comes back as it is. The node is the one whose report
 * holds the room (egress runs where the room's router is), for {@code /api/egress/{id}} the one whose
 * report lists that egress running, else every live node is asked and the one that knows it answers (a
 * finished egress is in no report); when that node does not answer (it died and its report has not expired
 * yet), the other nodes are asked too: the room's node follows an egress that ran on an egress-only node.
 * Each relay has {@link #TIMEOUT}; a node that does not answer in time gives 504.
 */
public final class EgressRelay implements EgressEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(EgressRelay.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ClusterSource source;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public EgressRelay(ClusterSource source) {
        this.source = source;
    }

    @Override
    public CompletionStage<JsonResponse> room(RouteRequest request, AdminScope scope, RoomKey room) {
        return source.reportsOf(room).thenCompose(reports -> {
            // Not an egress-only node's media-only leg of the room: the node hosting it decides where its egress runs.
            Optional<NodeReport> host = reports.stream().filter(r -> !r.identity().egressOnly())
                    .filter(r -> r.rooms().stream().anyMatch(s -> s.key().equals(room))).findFirst();
            if (host.isEmpty()) {
                return CompletableFuture.completedFuture(JsonResponse.error(HttpResponseStatus.NOT_FOUND, "no room "
                        + room.roomId() + " of namespace " + room.namespace() + " on any live node"));
            }
            return relay(host.get().identity(), request);
        });
    }

    @Override
    public CompletionStage<JsonResponse> egress(RouteRequest request, AdminScope scope) {
        List<String> s = request.segments();
        if (s.size() != 3) {
            return CompletableFuture.completedFuture(JsonResponse.error(HttpResponseStatus.NOT_FOUND,
                    "expected /api/egress/{egressId}"));
        }
        String id = s.get(2);
        // The nodes' summaries name their running egresses: no room list is read to find one.
        return source.summaries().thenCompose(summaries -> {
            List<NodeIdentity> nodes = summaries.stream().map(NodeSummary::identity).toList();
            Optional<NodeIdentity> runner = summaries.stream().filter(n -> n.namespaces().values().stream()
                    .anyMatch(t -> t.egressIds().contains(id))).map(NodeSummary::identity).findFirst();
            if (runner.isEmpty()) {
                return askEach(nodes, request, id);
            }
            // A runner that died still has its last report until its lease ends; the room's node, which followed
            // the egress there, knows how it ended.
            return relay(runner.get(), request).thenCompose(answer -> !unreachable(answer)
                    ? CompletableFuture.completedFuture(answer)
                    : askEach(nodes.stream().filter(n -> !n.id().equals(runner.get().id())).toList(), request, id)
                            .thenApply(other -> other.status().code() == 404 ? answer : other));
        });
    }

    /**
     * Every node in {@code nodes} at once: the first answer that knows the egress; else a node's being
     * unreachable (it may be the one that knows); else 404.
     */
    private CompletionStage<JsonResponse> askEach(List<NodeIdentity> nodes, RouteRequest request, String id) {
        List<CompletableFuture<JsonResponse>> asked = new ArrayList<>();
        for (NodeIdentity node : nodes) {
            asked.add(relay(node, request).toCompletableFuture());
        }
        return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenApply(nothing -> {
            List<JsonResponse> answers = asked.stream().map(CompletableFuture::join).toList();
            return answers.stream().filter(answer -> answer.status().code() != 404 && !unreachable(answer)).findFirst()
                    .or(() -> answers.stream().filter(EgressRelay::unreachable).findFirst())
                    .orElse(JsonResponse.error(HttpResponseStatus.NOT_FOUND, "no egress " + id));
        });
    }

    /** The relay's own answer for a node it could not reach or read (a node's API answers neither). */
    private static boolean unreachable(JsonResponse answer) {
        return answer.status().equals(HttpResponseStatus.GATEWAY_TIMEOUT) || answer.status().equals(HttpResponseStatus.BAD_GATEWAY);
    }

    /** The request to the node's own admin API, its answer as it is. */
    private CompletionStage<JsonResponse> relay(NodeIdentity node, RouteRequest request) {
        URI target = URI.create(httpBase(node.signalingUrl()) + request.head().uri().substring(1));
        HttpRequest.Builder out = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .method(request.method().name(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .header("Content-Type", "application/json");
        if (request.authorization() != null) {
            out.header("Authorization", request.authorization());
        }
        return http.sendAsync(out.build(), HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error != null) {
                LOG.warn("egress relay to node {} ({}) failed: {}", node.id(), target, error.toString());
                return JsonResponse.error(HttpResponseStatus.GATEWAY_TIMEOUT, "node " + node.id()
                        + " did not answer: " + error.getClass().getSimpleName());
            }
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(response.body());
            } catch (IOException e) {
                return JsonResponse.error(HttpResponseStatus.BAD_GATEWAY, "node " + node.id() + " answered no JSON");
            }
            return new JsonResponse(HttpResponseStatus.valueOf(response.statusCode()), body);
        });
    }

    /** {@code ws://host:port/} → {@code http://host:port/} (and wss → https). */
    static String httpBase(String signalingUrl) {
        String base = signalingUrl.replaceFirst("^ws", "http");
        return base.endsWith("/") ? base : base + "/";
    }
}
