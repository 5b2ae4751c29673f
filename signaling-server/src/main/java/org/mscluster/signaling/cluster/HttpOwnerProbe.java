package org.mscluster.signaling.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.cluster.dispatch.OwnerProbe;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a node's {@link HostedRoomRoute} at the address of its signaling URL ({@code ws} → {@code http},
 * {@code wss} → {@code https}), within {@code timeout}: a dead node's port refuses at once, a vanished
 * host costs the timeout. Any failure is "does not host". Where the room's namespace has a secret, the
 * request carries an admin token of that namespace, minted here and reused for half its life.
 */
public final class HttpOwnerProbe implements OwnerProbe {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(400);

    private static final Logger LOG = LoggerFactory.getLogger(HttpOwnerProbe.class);

    private static final Duration TOKEN_TTL = Duration.ofMinutes(2);

    private final HttpClient http;
    private final Duration timeout;
    private final NamespaceSecrets secrets;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Map<String, MintedToken> tokens = new ConcurrentHashMap<>();

    public HttpOwnerProbe(Duration timeout, NamespaceSecrets secrets, Clock clock) {
        this.timeout = timeout;
        this.secrets = secrets;
        this.issuer = new TokenIssuer(secrets, clock);
        this.clock = clock;
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
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
            String token = tokenFor(room.namespace());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                LOG.warn("room {}: its owner {} refused the probe ({}): do the two share the namespace's secret?", room,
                        node.id(), response.statusCode());
            }
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

    private String tokenFor(String namespace) {
        if (secrets.secretOf(namespace).isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        MintedToken minted = tokens.get(namespace);
        if (minted == null || now.isAfter(minted.renewAt())) {
            minted = new MintedToken(issuer.issueAdmin(namespace, "owner-probe", TOKEN_TTL), now.plus(TOKEN_TTL.dividedBy(2)));
            tokens.put(namespace, minted);
        }
        return minted.token();
    }

    private record MintedToken(String token, Instant renewAt) {
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
