package org.mscluster.signaling.admin;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Objects;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenError;
import org.mscluster.cluster.token.TokenRequirement;
import org.mscluster.cluster.token.TokenResult;
import org.mscluster.cluster.token.TokenVerifier;

/**
 * Who may use the admin API and the dashboard.
 *
 * <ul>
 *   <li>With namespace secrets configured, a request needs an HS256 JWT with {@code role: "admin"}
 *       signed with the secret of the namespace in its {@code ns} claim: that admin sees only that
 *       namespace. An admin token of the <em>operator namespace</em> ({@code cluster} unless
 *       configured otherwise, e.g. {@code --namespace-secret cluster=…}) sees every namespace.
 *   <li>With no secret configured (a standalone node's quick start), the API is open to clients on
 *       loopback only, as an operator; everyone else gets 403.
 * </ul>
 *
 * Refusals say why without telling anything about the cluster: a token of a namespace this server
 * does not know is reported as an invalid token, not as an unknown namespace.
 */
public final class AdminAuth {

    /** The namespace whose admins see every namespace, unless configured otherwise. */
    public static final String DEFAULT_OPERATOR_NAMESPACE = "cluster";

    private final NamespaceSecrets secrets;
    private final String operatorNamespace;
    private final TokenVerifier verifier;

    public AdminAuth(NamespaceSecrets secrets, String operatorNamespace, Clock clock) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.operatorNamespace = operatorNamespace == null ? DEFAULT_OPERATOR_NAMESPACE : operatorNamespace;
        this.verifier = new TokenVerifier(secrets, clock);
    }

    /** True when no secret is configured: the API is open on loopback and closed elsewhere. */
    public boolean openOnLoopback() {
        return secrets.isEmpty();
    }

    public AdminAccess check(String token, InetAddress remote) {
        if (secrets.isEmpty()) {
            if (remote != null && remote.isLoopbackAddress()) {
                return new AdminAccess.Granted(AdminScope.operator("loopback"));
            }
            return new AdminAccess.Refused(403, "admin_disabled",
                    "the admin API needs namespace secrets (--namespace-secret); without them it answers on loopback only");
        }
        if (token == null || token.isBlank()) {
            return new AdminAccess.Refused(401, TokenError.MISSING.code(),
                    "an admin token is required (Authorization: Bearer <JWT>)");
        }
        String namespace;
        try {
            namespace = JWT.decode(token.trim()).getClaim("ns").asString();
        } catch (JWTDecodeException e) {
            return new AdminAccess.Refused(401, TokenError.MALFORMED.code(), "the token is not a JWT");
        }
        if (namespace == null || secrets.secretOf(namespace).isEmpty()) {
            return new AdminAccess.Refused(401, TokenError.BAD_SIGNATURE.code(), "the token is not valid here");
        }
        TokenResult result = verifier.verify(token, TokenRequirement.admin(namespace));
        if (result instanceof TokenResult.Rejected rejected) {
            int status = rejected.error() == TokenError.UNKNOWN_NAMESPACE ? 401 : rejected.error().httpStatus();
            return new AdminAccess.Refused(status, rejected.error().code(), rejected.detail());
        }
        var claims = ((TokenResult.Accepted) result).claims();
        return new AdminAccess.Granted(namespace.equals(operatorNamespace)
                ? AdminScope.operator(claims.subject()) : new AdminScope(namespace, claims.subject()));
    }
}
