package org.mscluster.signaling.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.http.JsonEndpoint;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.net.SignalingChannelInitializer;
import org.mscluster.signaling.net.WebSocketLimits;

/** The token check of cluster mode on the handshake and on {@code /api/dispatch}, in memory. */
class TokenHandshakeTest {

    private static final String ACME = "acme-secret-acme-secret-acme-secret-0123";
    private static final String BETA = "beta-secret-beta-secret-beta-secret-01234";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final NamespaceSecrets secrets = NamespaceSecrets.parse(List.of("acme=" + ACME, "beta=" + BETA));
    private final TokenIssuer issuer = new TokenIssuer(secrets, clock);
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger dispatched = new AtomicInteger();
    private EmbeddedChannel channel;

    /** A fresh connection: refusals close theirs. */
    private EmbeddedChannel connect() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        channel = new EmbeddedChannel();
        JsonEndpoint dispatch = (QueryStringDecoder query, JsonEndpoint.RequestContext context) -> {
            dispatched.incrementAndGet();
            return CompletableFuture.completedFuture(JsonResponse.ok(Map.of("url", "ws://n/")));
        };
        AccessGuard guard = new TokenAccessGuard(secrets, clock);
        SignalingChannelInitializer.configure(channel.pipeline(), WebSocketLimits.defaults(),
                new SignalingChannelInitializer.Handlers(Map.of("/api/dispatch", new GuardedEndpoint(guard, dispatch)),
                        StaticFiles.fromClassPath("no-such-root"), (request, peer) -> accepted.incrementAndGet(), guard));
        return channel;
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aValidTokenOpensTheSocket() {
        String token = issuer.issueJoin("acme", "r1", "p1", Duration.ofMinutes(5));
        assertThat(upgrade("/?roomId=r1&peerId=p1&namespace=acme&token=" + token)).startsWith("HTTP/1.1 101");
        assertThat(accepted).hasValue(1);
    }

    @Test
    void noTokenIs401WithItsCode() {
        String response = upgrade("/?roomId=r1&peerId=p1&namespace=acme");
        assertThat(response).startsWith("HTTP/1.1 401").contains("\"code\":\"token_missing\"").contains("\"status\":401");
        assertThat(accepted).hasValue(0);
    }

    @Test
    void anExpiredTokenIs401() {
        String token = new TokenIssuer(secrets, Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC))
                .issueJoin("acme", "r1", "p1", Duration.ofMinutes(5));
        assertThat(upgrade("/?roomId=r1&peerId=p1&namespace=acme&token=" + token))
                .startsWith("HTTP/1.1 401").contains("token_expired");
    }

    @Test
    void anotherNamespacesTokenIs403() {
        String token = issuer.issueJoin("beta", "r1", "p1", Duration.ofMinutes(5));
        assertThat(upgrade("/?roomId=r1&peerId=p1&namespace=acme&token=" + token))
                .startsWith("HTTP/1.1 403").contains("token_foreign_namespace");
    }

    @Test
    void theDefaultNamespaceNeedsItsOwnSecret() {
        String token = issuer.issueJoin("acme", "r1", "p1", Duration.ofMinutes(5));
        assertThat(upgrade("/?roomId=r1&peerId=p1&token=" + token)).startsWith("HTTP/1.1 403").contains("namespace_unknown");
    }

    @Test
    void anotherPeersOrRoomsTokenIs403() {
        String token = issuer.issueJoin("acme", "r1", "someone-else", Duration.ofMinutes(5));
        assertThat(upgrade("/?roomId=r1&peerId=p1&namespace=acme&token=" + token)).startsWith("HTTP/1.1 403").contains("token_wrong_peer");
        token = issuer.issueJoin("acme", "r2", "p1", Duration.ofMinutes(5));
        assertThat(upgrade("/?roomId=r1&peerId=p1&namespace=acme&token=" + token)).startsWith("HTTP/1.1 403").contains("token_wrong_room");
    }

    @Test
    void dispatchIsGuardedToo() {
        assertThat(get("/api/dispatch?roomId=r1&peerId=p1&namespace=acme")).startsWith("HTTP/1.1 401").contains("token_missing");
        assertThat(dispatched).hasValue(0);
        String token = issuer.issueJoin("acme", "*", "p1", Duration.ofMinutes(5));
        assertThat(get("/api/dispatch?roomId=r1&peerId=p1&namespace=acme&token=" + token)).startsWith("HTTP/1.1 200");
        assertThat(dispatched).hasValue(1);
    }

    private String upgrade(String uri) {
        return send("GET " + uri + " HTTP/1.1\r\nHost: node.example:4443\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: protoo\r\n\r\n");
    }

    private String get(String uri) {
        return send("GET " + uri + " HTTP/1.1\r\nHost: node.example:4443\r\n\r\n");
    }

    private String send(String request) {
        EmbeddedChannel channel = connect();
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
        channel.runPendingTasks();
        StringBuilder text = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            text.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return text.toString();
    }
}
