package org.mscluster.signaling.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.mscluster.cluster.dispatch.OwnerProbe;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a node's {@link HostedRoomRoute} at the address of its signaling URL ({@code ws} → {@code http},
 * {@code wss} → {@code https}), within {@code timeout}: a dead node's port refuses at once, a vanished
 * host costs the timeout. Any failure is "does not host".
 */
public final class HttpOwnerProbe implements OwnerProbe {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(400);

    private static final Logger LOG = LoggerFactory.getLogger(HttpOwnerProbe.class);

    private final HttpClient http;
    private final Duration timeout;

    public HttpOwnerProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public boolean hostsRoom(NodeIdentity node, RoomKey room) {
        URI url;
        try {
            URI signaling = URI.create(node.signalingUrl());
            String scheme = "wss".equals(signaling.getScheme()) || "https".equals(signaling.getScheme()) ? "https" : "http";
            url = new URI(scheme, null, signaling.getHost(), signaling.getPort(), null, null, null).resolve(
                    HostedRoomRoute.PATH + "/" + encode(room.namespace()) + "/" + encode(room.roomId()));
        } catch (Exception e) {
            LOG.debug("node {}: no address to probe ({})", node.id(), e.toString());
            return false;
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            boolean hosted = response.statusCode() == 200;
            LOG.info("room {}: its owner {} dropped out of the registry; asked directly, it {} the room", room, node.id(),
                    hosted ? "still hosts" : "no longer hosts");
            return hosted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.info("room {}: its owner {} dropped out of the registry and does not answer ({}): placing it afresh", room,
                    node.id(), e.toString());
            return false;
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
