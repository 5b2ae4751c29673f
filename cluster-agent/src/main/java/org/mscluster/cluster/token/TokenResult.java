package org.mscluster.cluster.token;

import java.util.Objects;
import java.util.Optional;

/** The outcome of verifying a token: the claims it grants, or why it was refused. */
public sealed interface TokenResult permits TokenResult.Accepted, TokenResult.Rejected {

    record Accepted(TokenClaims claims) implements TokenResult {
        public Accepted {
            Objects.requireNonNull(claims, "claims");
        }
    }

    /** @param detail a human-readable explanation, safe to send to the client */
    record Rejected(TokenError error, String detail) implements TokenResult {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }

    /** The granted claims, if accepted. */
    default Optional<TokenClaims> grantedClaims() {
        return this instanceof Accepted a ? Optional.of(a.claims()) : Optional.empty();
    }

    /** The refusal reason, if rejected. */
    default Optional<TokenError> refusal() {
        return this instanceof Rejected r ? Optional.of(r.error()) : Optional.empty();
    }
}
