package org.mscluster.client;

/** Another peer in the room, as the server describes it. */
public record RemotePeer(String id, String displayName) {
}
