package org.mscluster.signaling.egress;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenRequirement;
import org.mscluster.cluster.token.TokenResult;
import org.mscluster.cluster.token.TokenVerifier;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.ProtooError;
import org.mscluster.signaling.room.PeerEgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code startEgress} / {@code stopEgress} for a room's peers. Allowed to a peer whose token (the one it
 * connected with, verified again here) carries {@code role: "moderator"} or {@code "admin"}; on a node
 * without namespace secrets (no tokens at all), to peers connected from loopback only, like the admin API.
 * A peer stops only its own room's egresses.
 */
public final class ProtooEgress implements PeerEgress {

    private static final Logger LOG = LoggerFactory.getLogger(ProtooEgress.class);
    static final Set<String> ROLES = Set.of("moderator", "admin");

    private final EgressManager manager;
    private final NamespaceSecrets secrets;
    private final TokenVerifier verifier;

    public ProtooEgress(EgressManager manager, NamespaceSecrets secrets, Clock clock) {
        this.manager = manager;
        this.secrets = secrets;
        this.verifier = new TokenVerifier(secrets, clock);
    }

    @Override
    public CompletionStage<Object> start(RoomKey room, String peerId, ConnectionRequest connection, JsonNode data) {
        authorize(room, peerId, connection);
        EgressRequest request;
        try {
            request = EgressRequest.parse(data);
        } catch (IllegalArgumentException e) {
            throw ProtooError.badRequest(e.getMessage());
        }
        LOG.info("peer {} of room {}: start {} egress", peerId, room, request.type());
        CompletableFuture<Egress> started;
        try {
            started = manager.begin(room, request);
        } catch (EgressManager.Refused refused) {
            throw new ProtooError(refused.status(), refused.getMessage());
        }
        return started.handle((egress, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                if (cause instanceof EgressManager.Refused refused) {
                    throw new ProtooError(refused.status(), refused.getMessage());
                }
                throw new ProtooError(ProtooError.INTERNAL, "egress failed to start: " + cause.getMessage());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("egressId", egress.id());
            answer.put("status", EgressStatus.STARTING.value());
            return answer;
        });
    }

    @Override
    public CompletionStage<Object> stop(RoomKey room, String peerId, ConnectionRequest connection, JsonNode data) {
        authorize(room, peerId, connection);
        JsonNode id = data == null ? null : data.get("egressId");
        if (id == null || !id.isTextual()) {
            throw ProtooError.badRequest("stopEgress needs {\"egressId\": \"…\"}");
        }
        Egress egress = manager.lookup(id.asText()).filter(e -> e.room().equals(room))
                .orElseThrow(() -> ProtooError.notFound("no egress " + id.asText() + " in this room"));
        LOG.info("peer {} of room {}: stop egress {}", peerId, room, egress.id());
        egress.stop("stopped by peer " + peerId);
        return CompletableFuture.completedFuture(egress.json());
    }

    /** @throws ProtooError 403 unless the peer may run egress */
    private void authorize(RoomKey room, String peerId, ConnectionRequest connection) {
        if (secrets.isEmpty()) {
            boolean loopback = connection != null && connection.remoteAddress() instanceof InetSocketAddress address
                    && address.getAddress() != null && address.getAddress().isLoopbackAddress();
            if (!loopback) {
                throw new ProtooError(ProtooError.FORBIDDEN, "egress needs a token with role moderator; this node has no"
                        + " namespace secrets, so only peers on loopback may start it");
            }
            return;
        }
        String token = connection == null ? null : connection.token();
        if (token == null || token.isBlank()) {
            throw new ProtooError(ProtooError.FORBIDDEN, "egress needs a token with role moderator or admin");
        }
        TokenResult result = verifier.verify(token, TokenRequirement.join(room.namespace(), room.roomId(), peerId));
        if (result instanceof TokenResult.Rejected rejected) {
            throw new ProtooError(ProtooError.FORBIDDEN, "the token does not allow egress: " + rejected.detail());
        }
        String role;
        try {
            role = JWT.decode(token.trim()).getClaim("role").asString();
        } catch (JWTDecodeException e) {
            role = null;
        }
        if (role == null || !ROLES.contains(role)) {
            throw new ProtooError(ProtooError.FORBIDDEN, "egress needs a token with role moderator or admin");
        }
    }
}
