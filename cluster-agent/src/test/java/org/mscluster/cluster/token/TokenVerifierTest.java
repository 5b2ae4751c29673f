package org.mscluster.cluster.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.testing.FakeClock;

class TokenVerifierTest {
    private static final String SECRET_A = "a".repeat(32) + "-secret-of-namespace-a";
    private static final String SECRET_B = "b".repeat(32) + "-secret-of-namespace-b";
    private static final NamespaceSecrets SECRETS = NamespaceSecrets.of(Map.of("a", SECRET_A, "b", SECRET_B));

    private final FakeClock clock = new FakeClock();
    private final TokenIssuer issuer = new TokenIssuer(SECRETS, clock);
    private final TokenVerifier verifier = new TokenVerifier(SECRETS, clock);

    private TokenResult join(String token, String ns, String room, String peer) {
        return verifier.verify(token, TokenRequirement.join(ns, room, peer));
    }

    private TokenError refusal(TokenResult r) {
        assertThat(r).isInstanceOf(TokenResult.Rejected.class);
        return r.refusal().orElseThrow();
    }

    @Test
    void acceptsAValidJoinToken() {
        String token = issuer.issueJoin("a", "room-1", "alice", Duration.ofMinutes(5));
        TokenResult r = join(token, "a", "room-1", "alice");
        assertThat(r.accepted()).isTrue();
        TokenClaims c = r.grantedClaims().orElseThrow();
        assertThat(c.namespace()).isEqualTo("a");
        assertThat(c.room()).isEqualTo("room-1");
        assertThat(c.subject()).isEqualTo("alice");
        assertThat(c.admin()).isFalse();
        assertThat(c.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aWildcardRoomTokenJoinsAnyRoomOfItsNamespace() {
        String token = issuer.issueJoin("a", "*", "alice", Duration.ofMinutes(5));
        assertThat(join(token, "a", "whatever", "alice").accepted()).isTrue();
        assertThat(refusal(join(token, "b", "whatever", "alice"))).isEqualTo(TokenError.FOREIGN_NAMESPACE);
    }

    @Test
    void missing() {
        assertThat(refusal(join(null, "a", "r", "p"))).isEqualTo(TokenError.MISSING);
        assertThat(refusal(join("  ", "a", "r", "p"))).isEqualTo(TokenError.MISSING);
    }

    @Test
    void malformed() {
        assertThat(refusal(join("not-a-jwt", "a", "r", "p"))).isEqualTo(TokenError.MALFORMED);
        assertThat(refusal(join("a.b.c", "a", "r", "p"))).isEqualTo(TokenError.MALFORMED);
    }

    @Test
    void refusesAlgNoneAndOtherAlgorithms() {
        String none = JWT.create().withClaim("ns", "a").withClaim("room", "r").withSubject("p")
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.none());
        assertThat(refusal(join(none, "a", "r", "p"))).isEqualTo(TokenError.MALFORMED);
        String hs384 = JWT.create().withClaim("ns", "a").withClaim("room", "r").withSubject("p")
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC384(SECRET_A));
        assertThat(refusal(join(hs384, "a", "r", "p"))).isEqualTo(TokenError.MALFORMED);
    }

    @Test
    void refusesTokensMissingRequiredClaims() {
        Algorithm a = Algorithm.HMAC256(SECRET_A);
        Instant exp = clock.instant().plusSeconds(60);
        String noNs = JWT.create().withClaim("room", "r").withSubject("p").withExpiresAt(exp).sign(a);
        String noExp = JWT.create().withClaim("ns", "a").withClaim("room", "r").withSubject("p").sign(a);
        String noSub = JWT.create().withClaim("ns", "a").withClaim("room", "r").withExpiresAt(exp).sign(a);
        String noRoom = JWT.create().withClaim("ns", "a").withSubject("p").withExpiresAt(exp).sign(a);
        for (String t : List.of(noNs, noExp, noSub, noRoom)) {
            assertThat(refusal(join(t, "a", "r", "p"))).isEqualTo(TokenError.MALFORMED);
        }
    }

    @Test
    void badSignature() {
        String forged = JWT.create().withClaim("ns", "a").withClaim("room", "r").withSubject("p")
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC256("x".repeat(40)));
        assertThat(refusal(join(forged, "a", "r", "p"))).isEqualTo(TokenError.BAD_SIGNATURE);
    }

    @Test
    void tamperedClaimsBreakTheSignature() {
        String token = issuer.issueJoin("a", "r", "alice", Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("alice", "mallory");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(refusal(join(tampered, "a", "r", "mallory"))).isEqualTo(TokenError.BAD_SIGNATURE);
    }

    @Test
    void expired() {
        String token = issuer.issueJoin("a", "r", "p", Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(63)); // within the 5 s leeway
        assertThat(join(token, "a", "r", "p").accepted()).isTrue();
        clock.advance(Duration.ofSeconds(3));
        TokenResult r = join(token, "a", "r", "p");
        assertThat(refusal(r)).isEqualTo(TokenError.EXPIRED);
        assertThat(((TokenResult.Rejected) r).detail()).contains("expired");
    }

    @Test
    void issuedInTheFutureIsNotYetValid() {
        FakeClock ahead = new FakeClock(clock.instant().plus(Duration.ofMinutes(10)));
        String token = new TokenIssuer(SECRETS, ahead).issueJoin("a", "r", "p", Duration.ofHours(1));
        assertThat(refusal(join(token, "a", "r", "p"))).isEqualTo(TokenError.NOT_YET_VALID);
    }

    @Test
    void anotherNamespacesTokenIsForeign() {
        String tokenOfB = issuer.issueJoin("b", "r", "p", Duration.ofMinutes(5));
        TokenResult r = join(tokenOfB, "a", "r", "p");
        assertThat(refusal(r)).isEqualTo(TokenError.FOREIGN_NAMESPACE);
        assertThat(TokenError.FOREIGN_NAMESPACE.httpStatus()).isEqualTo(403);
    }

    @Test
    void foreignEvenWhenTwoNamespacesShareASecret() {
        var shared = NamespaceSecrets.of(Map.of("a", SECRET_A, "b", SECRET_A));
        String tokenOfB = new TokenIssuer(shared, clock).issueJoin("b", "r", "p", Duration.ofMinutes(5));
        TokenResult r = new TokenVerifier(shared, clock).verify(tokenOfB, TokenRequirement.join("a", "r", "p"));
        assertThat(refusal(r)).isEqualTo(TokenError.FOREIGN_NAMESPACE);
    }

    @Test
    void anUnconfiguredNamespace() {
        String token = issuer.issueJoin("a", "r", "p", Duration.ofMinutes(5));
        assertThat(refusal(join(token, "zzz", "r", "p"))).isEqualTo(TokenError.UNKNOWN_NAMESPACE);
    }

    @Test
    void wrongRoomAndWrongPeer() {
        String token = issuer.issueJoin("a", "r1", "alice", Duration.ofMinutes(5));
        assertThat(refusal(join(token, "a", "r2", "alice"))).isEqualTo(TokenError.WRONG_ROOM);
        assertThat(refusal(join(token, "a", "r1", "bob"))).isEqualTo(TokenError.WRONG_PEER);
    }

    @Test
    void adminRole() {
        String admin = issuer.issueAdmin("a", "ops", Duration.ofMinutes(5));
        String user = issuer.issueJoin("a", "*", "alice", Duration.ofMinutes(5));
        assertThat(verifier.verify(admin, TokenRequirement.admin("a")).grantedClaims().orElseThrow().admin()).isTrue();
        assertThat(refusal(verifier.verify(user, TokenRequirement.admin("a")))).isEqualTo(TokenError.NOT_ADMIN);
        assertThat(refusal(verifier.verify(admin, TokenRequirement.admin("b")))).isEqualTo(TokenError.FOREIGN_NAMESPACE);
    }

    @Test
    void everyErrorMapsTo401Or403WithAStableCode() {
        for (TokenError e : TokenError.values()) {
            assertThat(e.httpStatus()).isIn(401, 403);
            assertThat(e.code()).matches("[a-z_]+");
        }
        assertThat(TokenError.EXPIRED.httpStatus()).isEqualTo(401);
        assertThat(TokenError.WRONG_ROOM.httpStatus()).isEqualTo(403);
    }

    @Test
    void secretsAreCheckedAndNeverPrinted() {
        assertThatThrownBy(() -> NamespaceSecrets.parse(List.of("a=short")))
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("short");
        assertThatThrownBy(() -> NamespaceSecrets.parse(List.of("nameonly"))).hasMessageContaining("NAMESPACE=SECRET");
        assertThatThrownBy(() -> NamespaceSecrets.parse(List.of("a=" + SECRET_A, "a=" + SECRET_B)))
                .hasMessageContaining("two secrets");
        var parsed = NamespaceSecrets.parse(List.of("a=" + SECRET_A, "b=" + SECRET_B));
        assertThat(parsed.namespaces()).containsExactlyInAnyOrder("a", "b");
        assertThat(parsed.toString()).doesNotContain(SECRET_A);
        assertThatThrownBy(() -> issuer.issueJoin("zzz", "r", "p", Duration.ofMinutes(1)))
                .hasMessageContaining("zzz");
    }
}
