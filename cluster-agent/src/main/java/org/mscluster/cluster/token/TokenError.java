package org.mscluster.cluster.token;

/**
 * Why a token was refused, with the HTTP status to answer. 401 means "present a (valid) token",
 * 403 means "this valid token does not allow that".
 */
public enum TokenError {
    MISSING(401, "token_missing"),
    MALFORMED(401, "token_malformed"),
    BAD_SIGNATURE(401, "token_bad_signature"),
    EXPIRED(401, "token_expired"),
    NOT_YET_VALID(401, "token_not_yet_valid"),
    /** The requested namespace has no secret configured here, so nothing can be verified. */
    UNKNOWN_NAMESPACE(403, "namespace_unknown"),
    FOREIGN_NAMESPACE(403, "token_foreign_namespace"),
    WRONG_ROOM(403, "token_wrong_room"),
    WRONG_PEER(403, "token_wrong_peer"),
    NOT_ADMIN(403, "token_not_admin");

    private final int httpStatus;
    private final String code;

    TokenError(int httpStatus, String code) {
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** A stable machine-readable code for JSON error bodies and protoo error replies. */
    public String code() {
        return code;
    }
}
