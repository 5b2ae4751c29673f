package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.ProtooError;

/** Who may start egress over protoo (the manager is never reached: a bad body is the sign a peer got past the check). */
class ProtooEgressTest {

    private static final RoomKey ROOM = RoomKey.of("acme", "r1");
    private static final NamespaceSecrets SECRETS = NamespaceSecrets.parse(List.of("acme=acme-0123456789abcdef0123456789abcdef"));
    private static final TokenIssuer ISSUER = new TokenIssuer(SECRETS, Clock.systemUTC());
    private static final InetSocketAddress REMOTE = new InetSocketAddress("203.0.113.9", 5000);
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 5000);

    private static ConnectionRequest connection(String token, InetSocketAddress from) {
        return new ConnectionRequest("r1", "alice", "acme", token, null, null, 0, null, from);
    }

    private static void start(NamespaceSecrets secrets, ConnectionRequest connection) {
        new ProtooEgress(null, secrets, Clock.systemUTC()).start(ROOM, "alice", connection, Json.object());
    }

    private static void refused(NamespaceSecrets secrets, ConnectionRequest connection, int code) {
        assertThatThrownBy(() -> start(secrets, connection)).isInstanceOfSatisfying(ProtooError.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aModeratorOrAdminTokenMay() {
        refused(SECRETS, connection(ISSUER.issueJoin("acme", "r1", "alice", Duration.ofHours(1), "moderator"), REMOTE), 400);
        refused(SECRETS, connection(ISSUER.issueJoin("acme", "*", "alice", Duration.ofHours(1), "admin"), REMOTE), 400);
    }

    @Test
    void aPlainJoinTokenOrNoneMayNot() {
        refused(SECRETS, connection(ISSUER.issueJoin("acme", "r1", "alice", Duration.ofHours(1)), REMOTE), 403);
        refused(SECRETS, connection(ISSUER.issueJoin("acme", "r1", "alice", Duration.ofHours(1), "viewer"), REMOTE), 403);
        refused(SECRETS, connection(null, LOOPBACK), 403);
        // Another peer's moderator token is not this peer's.
        refused(SECRETS, connection(ISSUER.issueJoin("acme", "r1", "bob", Duration.ofHours(1), "moderator"), REMOTE), 403);
    }

    @Test
    void withoutSecretsOnlyLoopbackPeersMay() {
        refused(NamespaceSecrets.none(), connection(null, LOOPBACK), 400);
        refused(NamespaceSecrets.none(), connection(null, REMOTE), 403);
    }
}
