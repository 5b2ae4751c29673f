package org.mscluster.signaling.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;

class AdminAuthTest {

    private static final NamespaceSecrets SECRETS = NamespaceSecrets.of(Map.of(
            "acme", "acme-secret-0123456789abcdef0123456789abcdef",
            "cluster", "operator-secret-0123456789abcdef0123456789abcdef"));
    private static final NamespaceSecrets STRANGER = NamespaceSecrets.of(Map.of(
            "ghost", "ghost-secret-0123456789abcdef0123456789abcdef"));
    private static final Clock CLOCK = Clock.systemUTC();
    private static final AdminAuth AUTH = new AdminAuth(SECRETS, null, CLOCK);

    private static InetAddress address(String ip) throws Exception {
        return InetAddress.getByName(ip);
    }

    @Test
    void withoutSecretsOnlyLoopbackGetsIn() throws Exception {
        AdminAuth open = new AdminAuth(NamespaceSecrets.none(), null, CLOCK);
        assertThat(open.check(null, address("127.0.0.1"))).isEqualTo(new AdminAccess.Granted(AdminScope.operator("loopback")));
        assertThat(open.check(null, address("::1"))).isInstanceOf(AdminAccess.Granted.class);
        AdminAccess remote = open.check(null, address("192.0.2.7"));
        assertThat(((AdminAccess.Refused) remote).status()).isEqualTo(403);
    }

    @Test
    void scopesFollowTheTokensNamespace() throws Exception {
        TokenIssuer issuer = new TokenIssuer(SECRETS, CLOCK);
        assertThat(AUTH.check(issuer.issueAdmin("acme", "a", Duration.ofMinutes(5)), address("192.0.2.7")))
                .isEqualTo(new AdminAccess.Granted(new AdminScope("acme", "a")));
        assertThat(AUTH.check(issuer.issueAdmin("cluster", "ops", Duration.ofMinutes(5)), address("192.0.2.7")))
                .isEqualTo(new AdminAccess.Granted(AdminScope.operator("ops")));
        // With secrets configured, loopback needs a token like everyone else.
        assertThat(AUTH.check(null, address("127.0.0.1"))).isEqualTo(new AdminAccess.Refused(401, "token_missing",
                "an admin token is required (Authorization: Bearer <JWT>)"));
    }

    @Test
    void refusalsSayWhyWithoutNamingAnything() throws Exception {
        TokenIssuer issuer = new TokenIssuer(SECRETS, CLOCK);
        AdminAccess peer = AUTH.check(issuer.issueJoin("acme", "*", "alice", Duration.ofMinutes(5)), address("192.0.2.7"));
        assertThat(peer).isEqualTo(new AdminAccess.Refused(403, "token_not_admin", "the token lacks the admin role"));
        AdminAccess expired = AUTH.check(issuer.issueAdmin("acme", "a", Duration.ofMinutes(-5)), address("192.0.2.7"));
        assertThat(((AdminAccess.Refused) expired).status()).isEqualTo(401);
        assertThat(((AdminAccess.Refused) expired).code()).isEqualTo("token_expired");
        AdminAccess unknown = AUTH.check(new TokenIssuer(STRANGER, CLOCK).issueAdmin("ghost", "g", Duration.ofMinutes(5)),
                address("192.0.2.7"));
        assertThat(unknown).isEqualTo(new AdminAccess.Refused(401, "token_bad_signature", "the token is not valid here"));
        assertThat(((AdminAccess.Refused) AUTH.check("x.y.z", address("192.0.2.7"))).status()).isEqualTo(401);
    }
}
