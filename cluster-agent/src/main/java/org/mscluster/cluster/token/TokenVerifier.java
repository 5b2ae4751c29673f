package org.mscluster.cluster.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a token against what a request needs, returning a {@link TokenResult} rather than
 * throwing, so each entry point (HTTP, protoo) maps refusals to its own error form in one place.
 *
 * <p>Order of checks: present, well-formed and HS256 (never {@code alg: none} or an asymmetric
 * algorithm fed an HMAC secret), signed with the requested namespace's secret, within its
 * validity period, then the namespace, room, peer and role claims. A token that fails the
 * signature check but is correctly signed for the namespace it names is reported as
 * {@link TokenError#FOREIGN_NAMESPACE}, which tells an integrator what went wrong without
 * accepting anything.
 */
public final class TokenVerifier {
    private static final String HS256 = "HS256";

    private final NamespaceSecrets secrets;
    private final Clock clock;
    private final long leewaySeconds;
    private final Map<String, JWTVerifier> verifiers = new ConcurrentHashMap<>();

    /**
     * @param leeway tolerated clock skew between the token's issuer and this host
     */
    public TokenVerifier(NamespaceSecrets secrets, Clock clock, Duration leeway) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leewaySeconds = leeway.toSeconds();
        if (leewaySeconds < 0) {
            throw new IllegalArgumentException("leeway must be >= 0");
        }
    }

    /** Five seconds of leeway: enough for NTP-synchronised hosts, too little to matter to an attacker. */
    public TokenVerifier(NamespaceSecrets secrets, Clock clock) {
        this(secrets, clock, Duration.ofSeconds(5));
    }

    public TokenResult verify(String token, TokenRequirement need) {
        if (token == null || token.isBlank()) {
            return reject(TokenError.MISSING, "a token is required");
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.decode(token.trim());
        } catch (JWTDecodeException e) {
            return reject(TokenError.MALFORMED, "the token is not a JWT");
        }
        if (!HS256.equals(jwt.getAlgorithm())) {
            return reject(TokenError.MALFORMED, "the token must be signed with HS256, not " + jwt.getAlgorithm());
        }
        String tokenNs = jwt.getClaim("ns").asString();
        if (tokenNs == null) {
            return reject(TokenError.MALFORMED, "the token has no 'ns' claim");
        }
        JWTVerifier verifier = verifierFor(need.namespace());
        if (verifier == null) {
            return reject(TokenError.UNKNOWN_NAMESPACE, "namespace '" + need.namespace() + "' is not configured");
        }
        try {
            verifier.verify(jwt);
        } catch (SignatureVerificationException e) {
            if (!tokenNs.equals(need.namespace()) && signedFor(tokenNs, jwt)) {
                return foreign(tokenNs, need);
            }
            return reject(TokenError.BAD_SIGNATURE, "the token's signature is not valid for namespace '"
                    + need.namespace() + "'");
        } catch (TokenExpiredException e) {
            return reject(TokenError.EXPIRED, "the token expired at " + e.getExpiredOn());
        } catch (IncorrectClaimException e) {
            return reject(TokenError.NOT_YET_VALID, "the token is not valid yet");
        } catch (JWTVerificationException e) {
            return reject(TokenError.MALFORMED, "the token was refused: " + e.getMessage());
        }
        if (!tokenNs.equals(need.namespace())) {
            return foreign(tokenNs, need); // same secret configured for two namespaces
        }
        if (jwt.getExpiresAtAsInstant() == null) {
            return reject(TokenError.MALFORMED, "the token has no 'exp' claim");
        }
        String room = jwt.getClaim("room").asString();
        String subject = jwt.getSubject();
        boolean admin = TokenClaims.ADMIN_ROLE.equals(jwt.getClaim("role").asString());
        if (room == null) {
            room = admin ? TokenClaims.ANY_ROOM : null;
            if (room == null) {
                return reject(TokenError.MALFORMED, "the token has no 'room' claim");
            }
        }
        if (subject == null) {
            return reject(TokenError.MALFORMED, "the token has no 'sub' claim");
        }
        TokenClaims claims = new TokenClaims(tokenNs, room, subject, jwt.getExpiresAtAsInstant(), admin);
        if (need.roomId() != null && !claims.allowsRoom(need.roomId())) {
            return reject(TokenError.WRONG_ROOM, "the token is for room '" + room + "', not '" + need.roomId() + "'");
        }
        if (need.peerId() != null && !subject.equals(need.peerId())) {
            return reject(TokenError.WRONG_PEER, "the token is for peer '" + subject + "', not '" + need.peerId() + "'");
        }
        if (need.admin() && !admin) {
            return reject(TokenError.NOT_ADMIN, "the token lacks the admin role");
        }
        return new TokenResult.Accepted(claims);
    }

    private boolean signedFor(String namespace, DecodedJWT jwt) {
        return secrets.secretOf(namespace).map(secret -> {
            try {
                Algorithm.HMAC256(secret).verify(jwt);
                return true;
            } catch (SignatureVerificationException e) {
                return false;
            }
        }).orElse(false);
    }

    private JWTVerifier verifierFor(String namespace) {
        return secrets.secretOf(namespace).map(secret -> verifiers.computeIfAbsent(namespace, ns ->
                ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(secret)).acceptLeeway(leewaySeconds))
                        .build(clock))).orElse(null);
    }

    private static TokenResult foreign(String tokenNs, TokenRequirement need) {
        return reject(TokenError.FOREIGN_NAMESPACE,
                "the token is for namespace '" + tokenNs + "', not '" + need.namespace() + "'");
    }

    private static TokenResult reject(TokenError error, String detail) {
        return new TokenResult.Rejected(error, detail);
    }
}
