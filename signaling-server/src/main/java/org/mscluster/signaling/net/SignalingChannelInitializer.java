package org.mscluster.signaling.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.HttpRouter;
import org.mscluster.signaling.http.JsonEndpoint;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.protoo.PeerAcceptor;
import org.mscluster.signaling.protoo.ProtooFrameHandler;
import org.mscluster.signaling.protoo.Refusals;

/**
 * The pipeline of every connection, as Netty's WebSocketServerInitializer example with our checks
 * in between: plain HTTP is answered by the router, upgrades that pass the guard become protoo peers.
 */
public final class SignalingChannelInitializer extends ChannelInitializer<SocketChannel> {

    /**
     * What the server plugs into the pipeline: JSON endpoints by path, the static files, the protoo
     * peers' taker, and who may open a socket at all.
     */
    public record Handlers(Map<String, JsonEndpoint> endpoints, StaticFiles staticFiles, PeerAcceptor acceptor,
            AccessGuard access, List<HttpRoute> routes, Refusals refusals) {
        public Handlers {
            endpoints = Map.copyOf(endpoints);
            access = access == null ? AccessGuard.OPEN : access;
            routes = routes == null ? List.of() : List.copyOf(routes);
            refusals = refusals == null ? new Refusals() : refusals;
        }

        public Handlers(Map<String, JsonEndpoint> endpoints, StaticFiles staticFiles, PeerAcceptor acceptor, AccessGuard access,
                List<HttpRoute> routes) {
            this(endpoints, staticFiles, acceptor, access, routes, null);
        }

        /** Without routes (admin API, metrics, dashboard). */
        public Handlers(Map<String, JsonEndpoint> endpoints, StaticFiles staticFiles, PeerAcceptor acceptor, AccessGuard access) {
            this(endpoints, staticFiles, acceptor, access, List.of());
        }

        /** Open to everybody (a standalone node). */
        public Handlers(Map<String, JsonEndpoint> endpoints, StaticFiles staticFiles, PeerAcceptor acceptor) {
            this(endpoints, staticFiles, acceptor, AccessGuard.OPEN);
        }
    }

    private final SslContext ssl;
    private final WebSocketLimits limits;
    private final Handlers handlers;
    private final ConnectionGate gate;

    public SignalingChannelInitializer(SslContext ssl, WebSocketLimits limits, Handlers handlers) {
        this.ssl = ssl;
        this.limits = limits;
        this.handlers = handlers;
        this.gate = new ConnectionGate(limits.connections(), handlers.refusals());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (ssl != null) {
            pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        }
        configure(pipeline, limits, handlers);
        pipeline.addAfter("aggregator", "gate", gate.newHandler());
    }

    /** Everything after TLS; public so tests can build the same pipeline on an EmbeddedChannel. */
    public static void configure(ChannelPipeline pipeline, WebSocketLimits limits, Handlers handlers) {
        HttpLimits http = limits.http();
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(http.maxUrlBytes())
                .setMaxHeaderSize(http.maxHeaderBytes())
                .setMaxChunkSize(http.maxChunkBytes())));
        pipeline.addLast("aggregator", HttpRefusals.aggregator(http, handlers.refusals()));
        // Requests the decoder could not read (too long a URL or headers): 414/431 JSON, before anything else.
        pipeline.addLast("httpRefusals", new HttpRefusals(http, handlers.refusals()));
        // Silence from the client is what matters: our own notifications (activeSpeaker every 800 ms) must not
        // hold the pings back, or a quiet but live client would be dropped. See ProtooFrameHandler.
        pipeline.addLast("idle", new IdleStateHandler(limits.pingInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("handshakeGuard", new HandshakeGuard(handlers.access()));
        pipeline.addLast("httpRouter", new HttpRouter(handlers.endpoints(), handlers.routes(), handlers.staticFiles()));
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .subprotocols(HandshakeGuard.SUBPROTOCOL)
                .handshakeTimeoutMillis(10_000)
                .dropPongFrames(true)
                // We always write our own close frame, with a code that says why; Netty's default would also
                // try to send one on a channel that never upgraded (a rejected handshake).
                .sendCloseFrame(null)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(limits.maxMessageBytes())
                        .closeOnProtocolViolation(true)
                        .build())
                .build()));
        // Browsers do not fragment, but the protocol allows it: the limit must hold for whole messages too.
        pipeline.addLast("frameAggregator", new WebSocketFrameAggregator(limits.maxMessageBytes()));
        pipeline.addLast("protoo", new ProtooFrameHandler(handlers.acceptor(), limits.requestTimeout(),
                limits.pingInterval(), limits.idleTimeout(), limits.requestsPerSecond(), limits.requestBurst(), handlers.refusals()));
    }
}
