package org.mscluster.signaling.access;

import java.time.Clock;
import java.util.Objects;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenRequirement;
import org.mscluster.cluster.token.TokenResult;
import org.mscluster.cluster.token.TokenVerifier;

/**
 * Cluster mode's rule: a join needs a JWT signed with the namespace's secret whose claims allow this
 * namespace, this room (or {@code *}) and this peer, and which has not expired. Refusals carry the
 * verifier's status and code ({@code token_missing}, {@code token_expired}, {@code
 * token_foreign_namespace}, …).
 */
public final class TokenAccessGuard implements AccessGuard {

    private final TokenVerifier verifier;

    public TokenAccessGuard(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    public TokenAccessGuard(NamespaceSecrets secrets, Clock clock) {
        this(new TokenVerifier(secrets, clock));
    }

    @Override
    public AccessDecision checkJoin(String namespace, String roomId, String peerId, String token) {
        TokenResult result = verifier.verify(token, TokenRequirement.join(namespace, roomId, peerId));
        if (result instanceof TokenResult.Rejected rejected) {
            return AccessDecision.refuse(rejected.error().httpStatus(), rejected.error().code(), rejected.detail());
        }
        return AccessDecision.allow();
    }
}
