package org.mscluster.signaling.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.json.Json;

/**
 * {@code GET /api/nodes/{nodeId}} in memory ({@link EmbeddedChannel}, a fixed source): one node as in
 * the whole view, read from that node's report alone; 404 for an unknown node and for one outside a
 * namespace admin's scope; 405 for another method; drain still answers POST.
 */
class AdminApiNodeTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    private static final NamespaceSecrets SECRETS = NamespaceSecrets.of(Map.of(
            "acme", "acme-secret-0123456789abcdef0123456789abcdef",
            "other", "other-secret-0123456789abcdef0123456789abcdef",
            "cluster", "operator-secret-0123456789abcdef0123456789abcdef"));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TokenIssuer ISSUER = new TokenIssuer(SECRETS, CLOCK);
    private static final String OPERATOR = ISSUER.issueAdmin("cluster", "ops", Duration.ofHours(1));
    private static final String ACME_ADMIN = ISSUER.issueAdmin("acme", "acme-ops", Duration.ofHours(1));
    private static final String OTHER_ADMIN = ISSUER.issueAdmin("other", "other-ops", Duration.ofHours(1));

    private static RoomSnapshot room(String ns, String id, List<RoomSnapshot.Link> links, String... peers) {
        return new RoomSnapshot(RoomKey.of(ns, id), 0, NOW, java.util.Arrays.stream(peers).map(p -> new RoomSnapshot.Peer(p, p,
                "eu", null, true, NOW, List.of(), 0, 1, 2, List.of())).toList(), links);
    }

    private static NodeReport node(String id, String namespaces, RoomSnapshot... rooms) {
        NodeIdentity identity = NodeIdentity.builder(id).region("eu/de").namespaces(Set.of(namespaces.split(","))).build();
        return new NodeReport(identity, new NodeLoad(HostLoad.IDLE, List.of(WorkerLoad.idle(0)), NOW), List.of(rooms));
    }

    /** n1 serves every namespace: a room of acme piped to n2, one of globex; n2 serves globex only. */
    private final List<NodeReport> cluster = List.of(
            node("n1", "*", room("acme", "big", List.of(new RoomSnapshot.Link("n2", 1, 2, 300, 400)), "alice"),
                    room("globex", "g", List.of(), "gina")),
            node("n2", "globex", room("acme", "big", List.of(new RoomSnapshot.Link("n1", 2, 1, 400, 300)), "bob")));

    /** Reads recorded: the whole cluster must not be read for one node. */
    private final List<String> read = new ArrayList<>();
    private int wholeReads;

    private final ClusterSource source = new ClusterSource() {
        @Override
        public CompletionStage<List<NodeReport>> reports() {
            wholeReads++;
            return CompletableFuture.completedFuture(cluster);
        }

        @Override
        public CompletionStage<List<NodeReport>> reportsOfNodes(List<String> nodeIds) {
            read.addAll(nodeIds);
            return CompletableFuture.completedFuture(cluster.stream().filter(r -> nodeIds.contains(r.nodeId())).toList());
        }
    };

    private final AdminActions actions = new AdminActions() {
        @Override
        public CompletionStage<ActionResult> closeRoom(RoomKey room) {
            return CompletableFuture.completedFuture(ActionResult.done("closed"));
        }

        @Override
        public CompletionStage<ActionResult> kick(RoomKey room, String peerId) {
            return CompletableFuture.completedFuture(ActionResult.done("kicked"));
        }

        @Override
        public CompletionStage<ActionResult> drain(String nodeId) {
            return CompletableFuture.completedFuture(ActionResult.done("draining " + nodeId));
        }
    };

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(HttpMethod method, String path, String token) throws Exception {
        HttpRoute nodes = new AdminApi(new AdminAuth(SECRETS, null, CLOCK), source, actions, CLOCK).routes().stream()
                .filter(r -> r.path().equals("/api/nodes")).findFirst().orElseThrow();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                FullHttpRequest request = (FullHttpRequest) msg;
                try {
                    nodes.handle(ctx, request);
                } finally {
                    request.release();
                }
            }
        });
        try {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path);
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
            channel.writeInbound(request);
            FullHttpResponse response = channel.readOutbound();
            assertThat(response).as("no answer to %s %s", method, path).isNotNull();
            try {
                return new Answer(response.status().code(), Json.MAPPER.readTree(response.content().toString(StandardCharsets.UTF_8)));
            } finally {
                response.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aNodeIsAsInTheWholeViewFromItsOwnReport() throws Exception {
        Answer answer = call(HttpMethod.GET, "/api/nodes/n1", OPERATOR);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(read).containsExactly("n1");
        assertThat(wholeReads).isZero();
        JsonNode body = answer.body();
        assertThat(body.path("time").asText()).isEqualTo(NOW.toString());
        assertThat(body.path("scope").path("operator").asBoolean()).isTrue();
        JsonNode node = body.path("node");
        assertThat(node.path("id").asText()).isEqualTo("n1");
        assertThat(node.path("service").path("rooms").asInt()).isEqualTo(2);
        assertThat(node.path("workers")).hasSize(1);
        assertThat(node.path("rooms")).hasSize(2);
        // The room across nodes: this node's leg, its pipe saying where the other leg is; n2's peers are not read.
        JsonNode big = node.path("rooms").get(0);
        assertThat(big.path("roomId").asText()).isEqualTo("big");
        assertThat(big.path("peers")).hasSize(1);
        assertThat(big.path("peers").get(0).path("id").asText()).isEqualTo("alice");
        assertThat(big.path("legs")).hasSize(1);
        assertThat(big.path("legs").get(0).path("links").get(0).path("nodeId").asText()).isEqualTo("n2");
        assertThat(node.path("rooms").get(1).path("peers").get(0).path("id").asText()).isEqualTo("gina");
        // Exactly the whole view's node object when the whole view holds n1 alone.
        AdminScope operator = AdminScope.operator("ops");
        JsonNode whole = Json.MAPPER.readTree(Json.write(ClusterJson.cluster(ClusterJson.visible(List.of(cluster.get(0)), operator,
                null, null), operator, NOW)));
        assertThat(node).isEqualTo(whole.path("nodes").get(0));
    }

    @Test
    void aNamespaceAdminSeesItsRoomsOnlyAndNotANodeOutsideItsNamespace() throws Exception {
        Answer acme = call(HttpMethod.GET, "/api/nodes/n1", ACME_ADMIN);
        assertThat(acme.status()).isEqualTo(200);
        assertThat(acme.body().path("scope").path("namespace").asText()).isEqualTo("acme");
        assertThat(acme.body().path("node").path("rooms")).hasSize(1);
        assertThat(acme.body().path("node").path("rooms").get(0).path("roomId").asText()).isEqualTo("big");
        assertThat(acme.body().path("node").path("service").path("rooms").asInt()).isEqualTo(1);

        // n2 serves globex only: for acme's admin it is not there, as an unknown node is not.
        Answer foreign = call(HttpMethod.GET, "/api/nodes/n2", ACME_ADMIN);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().path("status").asInt()).isEqualTo(404);
        assertThat(foreign.body().has("error")).isTrue();
        assertThat(foreign.body().toString()).doesNotContain("bob");
        assertThat(call(HttpMethod.GET, "/api/nodes/n2", OTHER_ADMIN).status()).isEqualTo(404);
        assertThat(call(HttpMethod.GET, "/api/nodes/n2", OPERATOR).status()).isEqualTo(200);
    }

    @Test
    void anUnknownNodeIs404AndOtherMethodsAre405() throws Exception {
        Answer unknown = call(HttpMethod.GET, "/api/nodes/nope", OPERATOR);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").asText()).contains("nope");
        assertThat(unknown.body().path("status").asInt()).isEqualTo(404);

        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.DELETE, HttpMethod.PUT)) {
            Answer refused = call(method, "/api/nodes/n1", OPERATOR);
            assertThat(refused.status()).as(method.name()).isEqualTo(405);
            assertThat(refused.body().path("status").asInt()).isEqualTo(405);
        }
        assertThat(call(HttpMethod.POST, "/api/nodes/n1/drain", OPERATOR).status()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/nodes/n1/drain", OPERATOR).status()).isEqualTo(405);
    }
}
