package org.mscluster.cluster.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Mints HS256 tokens with a namespace's secret: for the CLI ({@code mscluster token}), for
 * application back ends written in Java, and for tests.
 */
public final class TokenIssuer {
    private final NamespaceSecrets secrets;
    private final Clock clock;

    public TokenIssuer(NamespaceSecrets secrets, Clock clock) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for {@code peerId} to join {@code roomId} ({@code *} for any room), valid for {@code ttl}. */
    public String issueJoin(String namespace, String roomId, String peerId, Duration ttl) {
        return issue(new TokenClaims(namespace, roomId, peerId, clock.instant().plus(ttl), false));
    }

    /**
     * A join token with a {@code role} claim: {@code moderator} lets the peer start and stop the room's
     * egress ({@code startEgress}, {@code stopEgress}); {@code admin} makes it an admin token too.
     */
    public String issueJoin(String namespace, String roomId, String peerId, Duration ttl, String role) {
        if (role == null || role.isBlank()) {
            return issueJoin(namespace, roomId, peerId, ttl);
        }
        TokenClaims claims = new TokenClaims(namespace, roomId, peerId, clock.instant().plus(ttl),
                TokenClaims.ADMIN_ROLE.equals(role));
        byte[] secret = secrets.secretOf(namespace).orElseThrow(() ->
                new IllegalArgumentException("no secret configured for namespace '" + namespace + "'"));
        return builder(claims).withClaim("role", role).sign(Algorithm.HMAC256(secret));
    }

    /** An admin token for the dashboard and admin API of {@code namespace}. */
    public String issueAdmin(String namespace, String subject, Duration ttl) {
        return issue(new TokenClaims(namespace, TokenClaims.ANY_ROOM, subject, clock.instant().plus(ttl), true));
    }

    public String issue(TokenClaims claims) {
        byte[] secret = secrets.secretOf(claims.namespace()).orElseThrow(() ->
                new IllegalArgumentException("no secret configured for namespace '" + claims.namespace() + "'"));
        var builder = builder(claims);
        if (claims.admin()) {
            builder.withClaim("role", TokenClaims.ADMIN_ROLE);
        }
        return builder.sign(Algorithm.HMAC256(secret));
    }

    private com.auth0.jwt.JWTCreator.Builder builder(TokenClaims claims) {
        Instant now = clock.instant();
        return JWT.create()
                .withClaim("ns", claims.namespace())
                .withClaim("room", claims.room())
                .withSubject(claims.subject())
                .withIssuedAt(now)
                .withExpiresAt(claims.expiresAt());
    }
}
