package org.mscluster.cluster.token;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified token grants.
 *
 * @param namespace the {@code ns} claim: the only namespace the token is good for
 * @param room the {@code room} claim, or {@link #ANY_ROOM}
 * @param subject the {@code sub} claim: the peer id for join tokens, a user name for admin tokens
 * @param expiresAt the {@code exp} claim
 * @param admin whether {@code role} is {@code "admin"}
 */
public record TokenClaims(String namespace, String room, String subject, Instant expiresAt, boolean admin) {
    public static final String ANY_ROOM = "*";
    public static final String ADMIN_ROLE = "admin";

    public TokenClaims {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean allowsRoom(String roomId) {
        return ANY_ROOM.equals(room) || room.equals(roomId);
    }
}
