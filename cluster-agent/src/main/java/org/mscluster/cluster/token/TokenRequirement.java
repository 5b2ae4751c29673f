package org.mscluster.cluster.token;

import java.util.Objects;

/**
 * What a request needs a token to allow.
 *
 * @param roomId the room being joined, or null when any room will do
 * @param peerId the peer joining, or null when the subject does not matter
 * @param admin whether the {@code admin} role is required
 */
public record TokenRequirement(String namespace, String roomId, String peerId, boolean admin) {
    public TokenRequirement {
        Objects.requireNonNull(namespace, "namespace");
    }

    /** Joining {@code roomId} of {@code namespace} as {@code peerId}. */
    public static TokenRequirement join(String namespace, String roomId, String peerId) {
        return new TokenRequirement(namespace, Objects.requireNonNull(roomId, "roomId"),
                Objects.requireNonNull(peerId, "peerId"), false);
    }

    /** The dashboard and admin API of {@code namespace}. */
    public static TokenRequirement admin(String namespace) {
        return new TokenRequirement(namespace, null, null, true);
    }
}
