package org.mscluster.cluster.model;

/**
 * A room's cluster-wide name. Namespaces separate tenants: the same room id in two namespaces is
 * two unrelated rooms.
 */
public record RoomKey(String namespace, String roomId) {
    /** The namespace clients land in when they name none. */
    public static final String DEFAULT_NAMESPACE = "default";

    public RoomKey {
        Names.requireSimple(namespace, "namespace");
        Names.requireRoomId(roomId);
    }

    public static RoomKey of(String namespace, String roomId) {
        return new RoomKey(namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace, roomId);
    }

    /**
     * {@code namespace:roomId}, unambiguous because a namespace cannot contain a colon; the form used
     * inside Redis keys and hash fields.
     */
    public String encoded() {
        return namespace + ':' + roomId;
    }

    /** Reverses {@link #encoded()}. */
    public static RoomKey decode(String encoded) {
        int colon = encoded.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not an encoded room key: " + encoded);
        }
        return new RoomKey(encoded.substring(0, colon), encoded.substring(colon + 1));
    }

    @Override
    public String toString() {
        return encoded();
    }
}
