package org.mscluster.signaling.whip;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.mscluster.cluster.model.Names;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.sdp.Sdp;
import org.mscluster.sdp.SdpParseException;
import org.mscluster.signaling.access.AccessDecision;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.hosting.ClientHints;
import org.mscluster.signaling.hosting.HostingDecision;
import org.mscluster.signaling.hosting.RoomHosting;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.RouteRequest;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.room.RoomListener;
import org.mscluster.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /whip/{namespace}/{roomId}} (RFC 9725) and {@code /whep/{namespace}/{roomId}[?peer=ID]}:
 * POST an SDP offer, get {@code 201} with the answer and the session's {@code Location}
 * ({@code …/{roomId}/{sessionId}}); PATCH that resource with an {@code application/trickle-ice-sdpfrag}
 * (trickled candidates are accepted and ignored, mediasoup is ICE Lite; new credentials restart ICE),
 * DELETE it to end the session. A room placed on another node answers {@code 307} to the same path
 * there. Every answer carries CORS headers, so pages of another origin (another node) can publish.
 */
public final class WhipRoute implements HttpRoute {

    private static final Logger LOG = LoggerFactory.getLogger(WhipRoute.class);
    private static final String SDP = WhipHttp.SDP;
    private static final String SDPFRAG = "application/trickle-ice-sdpfrag";

    /** WHIP publishes into the room, WHEP plays from it. */
    public enum Mode {
        WHIP("/whip"), WHEP("/whep");

        final String path;

        Mode(String path) {
            this.path = path;
        }
    }

    private final Mode mode;
    private final InVmProtoo peers;
    private final RoomRegistry rooms;
    private final RoomHosting hosting;
    private final AccessGuard access;
    private final ScheduledExecutorService scheduler;
    private final List<String> iceServerLinks;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * @param iceServerLinks {@code Link} header values announcing ICE servers (RFC 9725 section 4.6),
     *     e.g. {@code <stun:stun.example.net>; rel="ice-server"}; empty for none
     */
    public WhipRoute(Mode mode, InVmProtoo peers, RoomRegistry rooms, RoomHosting hosting, AccessGuard access,
            ScheduledExecutorService scheduler, List<String> iceServerLinks) {
        this.mode = mode;
        this.peers = peers;
        this.rooms = rooms;
        this.hosting = hosting;
        this.access = access;
        this.scheduler = scheduler;
        this.iceServerLinks = List.copyOf(iceServerLinks);
        if (mode == Mode.WHEP) {
            rooms.addListener(new RoomListener() {
                @Override
                public void dominantSpeakerChanged(RoomKey room, String peerId) {
                    for (Session session : sessions.values()) {
                        if (session instanceof WhepPlayer player && player.room.equals(room)) {
                            player.speakerChanged(peerId);
                        }
                    }
                }
            });
        }
    }

    @Override
    public String path() {
        return mode.path;
    }

    /** Sessions open on this node (for tests and shutdown). */
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        RouteRequest req = RouteRequest.of(ctx, request);
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String host = request.headers().get(HttpHeaderNames.HOST);
        String ifMatch = request.headers().get(HttpHeaderNames.IF_MATCH);
        boolean secure = ctx.pipeline().get(SslHandler.class) != null;
        List<String> segments = req.segments();
        if (segments.size() == 3) {
            endpoint(ctx, req, contentType, host, secure);
        } else if (segments.size() == 4) {
            resource(ctx, req, segments.get(3), contentType, ifMatch);
        } else {
            error(ctx, req, 404, "not found: " + req.path() + " (" + mode.path + "/{namespace}/{roomId})");
        }
    }

    private void endpoint(ChannelHandlerContext ctx, RouteRequest req, String contentType, String host, boolean secure) {
        HttpMethod method = req.method();
        if (HttpMethod.OPTIONS.equals(method)) {
            FullHttpResponse response = WhipHttp.options();
            iceServerLinks.forEach(link -> response.headers().add("Link", link));
            HttpResponses.send(ctx, req.head(), response);
            return;
        }
        if (!HttpMethod.POST.equals(method)) {
            notAllowed(ctx, req, "OPTIONS, POST");
            return;
        }
        if (contentType == null || !contentType.toLowerCase().startsWith(SDP)) {
            error(ctx, req, 415, "Content-Type must be " + SDP);
            return;
        }
        RoomKey room;
        try {
            room = RoomKey.of(req.segments().get(1), req.segments().get(2));
            Names.requireRoomId(room.roomId());
        } catch (IllegalArgumentException e) {
            error(ctx, req, 400, e.getMessage());
            return;
        }
        String token = req.bearerToken();
        String peerId = WhipHttp.peerId(req, token, mode.name().toLowerCase());
        try {
            Names.requireRoomId(peerId);
        } catch (IllegalArgumentException e) {
            error(ctx, req, 400, e.getMessage());
            return;
        }
        AccessDecision decision = access.checkJoin(room.namespace(), room.roomId(), peerId, token);
        if (!decision.allowed()) {
            FullHttpResponse response = response(decision.status(), "application/json; charset=utf-8",
                    Json.write(decision.errorBody()));
            if (decision.status().code() == 401) {
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            }
            HttpResponses.send(ctx, req.head(), response);
            return;
        }
        Sdp offer;
        try {
            offer = Sdp.parse(new String(req.body(), StandardCharsets.UTF_8));
            if (offer.media().isEmpty()) {
                throw new SdpParseException("the offer has no media section");
            }
        } catch (SdpParseException e) {
            error(ctx, req, 400, "malformed SDP offer: " + e.getMessage());
            return;
        }
        String address = req.remoteAddress() == null ? null : req.remoteAddress().getHostAddress();
        hosting.locate(room, new ClientHints(peerId, null, null, token, address)).whenComplete((placed, error) -> {
            if (error != null) {
                error(ctx, req, 503, "no node can host the room now");
            } else if (placed instanceof HostingDecision.Elsewhere elsewhere) {
                redirect(ctx, req, elsewhere);
            } else {
                open(ctx, req, room, peerId, token, offer, host, secure);
            }
        });
    }

    private String displayName(RouteRequest req, String token) {
        String given = req.parameter("displayName");
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (token != null) {
            try {
                String name = JWT.decode(token).getClaim("name").asString();
                if (name != null && !name.isBlank()) {
                    return name;
                }
            } catch (JWTDecodeException e) {
                // No name in it.
            }
        }
        return mode == Mode.WHIP ? "WHIP publisher" : "WHEP viewer";
    }

    private void redirect(ChannelHandlerContext ctx, RouteRequest req, HostingDecision.Elsewhere elsewhere) {
        String base = elsewhere.signalingUrl().replaceFirst("^ws", "http");
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String uri = req.head().uri();
        FullHttpResponse response = response(HttpResponseStatus.TEMPORARY_REDIRECT, null, null);
        response.headers().set(HttpHeaderNames.LOCATION, base + uri);
        HttpResponses.send(ctx, req.head(), response);
    }

    private void open(ChannelHandlerContext ctx, RouteRequest req, RoomKey room, String peerId, String token, Sdp offer,
            String host, boolean secure) {
        java.net.SocketAddress remote = req.remoteAddress() == null ? null : new InetSocketAddress(req.remoteAddress(), 0);
        ConnectionRequest connection = new ConnectionRequest(room.roomId(), peerId, room.namespace(), token, null, null, 0,
                host, remote);
        String displayName = displayName(req, token);
        String target = req.parameter("peer");
        peers.connect(connection).thenCompose(client -> {
            Session session = mode == Mode.WHIP ? new WhipPublisher(room, peerId, token, displayName, client)
                    : new WhepPlayer(room, peerId, token, target, client, rooms);
            CompletableFuture<Sdp> answer;
            try {
                answer = session.start(offer);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            return answer.whenComplete((sdp, error) -> {
                if (error != null) {
                    session.close();
                }
            }).thenApply(sdp -> Map.entry(session, sdp));
        }).whenComplete((opened, error) -> {
            if (error != null) {
                WhipException failure = Session.asHttp(error);
                error(ctx, req, failure.status, failure.getMessage());
                return;
            }
            Session session = opened.getKey();
            sessions.put(session.id, session);
            session.client.closeFuture().thenRun(() -> {
                sessions.remove(session.id);
                LOG.info("{} session {} of peer {} in room {} ended", mode, session.id, peerId, room);
            });
            session.watchConnect(scheduler);
            LOG.info("{} session {}: peer {} in room {}", mode, session.id, peerId, room);
            FullHttpResponse response = response(HttpResponseStatus.CREATED, SDP, opened.getValue().toString());
            String scheme = secure ? "https://" : "http://";
            response.headers().set(HttpHeaderNames.LOCATION, (host == null ? "" : scheme + host)
                    + mode.path + "/" + encode(room.namespace()) + "/" + encode(room.roomId()) + "/" + session.id);
            response.headers().set(HttpHeaderNames.ETAG, session.etag);
            iceServerLinks.forEach(link -> response.headers().add("Link", link));
            HttpResponses.send(ctx, req.head(), response);
        });
    }

    private void resource(ChannelHandlerContext ctx, RouteRequest req, String sessionId, String contentType, String ifMatch) {
        HttpMethod method = req.method();
        if (HttpMethod.OPTIONS.equals(method)) {
            FullHttpResponse response = response(HttpResponseStatus.NO_CONTENT, null, null);
            response.headers().set(HttpHeaderNames.ALLOW, "OPTIONS, PATCH, DELETE");
            response.headers().set("Accept-Patch", SDPFRAG);
            HttpResponses.send(ctx, req.head(), response);
            return;
        }
        if (!HttpMethod.DELETE.equals(method) && !HttpMethod.PATCH.equals(method)) {
            notAllowed(ctx, req, "OPTIONS, PATCH, DELETE");
            return;
        }
        Session session = sessions.get(sessionId);
        if (session == null || !session.room.equals(roomOf(req.segments()))) {
            error(ctx, req, 404, "no such session");
            return;
        }
        if (session.token != null && !session.token.equals(req.bearerToken())) {
            error(ctx, req, 401, "the session's token is required");
            return;
        }
        if (HttpMethod.DELETE.equals(method)) {
            sessions.remove(sessionId);
            session.close();
            HttpResponses.send(ctx, req.head(), response(HttpResponseStatus.OK, null, null));
            return;
        }
        patch(ctx, req, session, contentType, ifMatch);
    }

    private void patch(ChannelHandlerContext ctx, RouteRequest req, Session session, String contentType, String ifMatch) {
        if (contentType == null || !contentType.toLowerCase().startsWith(SDPFRAG)) {
            error(ctx, req, 415, "Content-Type must be " + SDPFRAG);
            return;
        }
        String fragment = new String(req.body(), StandardCharsets.UTF_8);
        Optional<String> ufrag = fragment.lines().filter(line -> line.startsWith("a=ice-ufrag:"))
                .map(line -> line.substring("a=ice-ufrag:".length()).trim()).findFirst();
        // New client credentials mean an ICE restart (RFC 9725 section 4.4.2); the same ones, trickled candidates.
        boolean restart = ufrag.isPresent() && !ufrag.get().equals(session.remoteUfrag);
        if (!restart) {
            if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(session.etag)) {
                error(ctx, req, 412, "the session's ETag changed");
                return;
            }
            // mediasoup is ICE Lite: it learns the client's candidates from its connectivity checks.
            HttpResponses.send(ctx, req.head(), response(HttpResponseStatus.NO_CONTENT, null, null));
            return;
        }
        session.remoteUfrag = ufrag.get();
        session.restartIce().whenComplete((ice, error) -> {
            if (error != null) {
                WhipException failure = Session.asHttp(error);
                error(ctx, req, failure.status, failure.getMessage());
                return;
            }
            StringBuilder answer = new StringBuilder()
                    .append("a=ice-lite\r\n")
                    .append("a=ice-ufrag:").append(ice.usernameFragment()).append("\r\n")
                    .append("a=ice-pwd:").append(ice.password()).append("\r\n");
            FullHttpResponse response = response(HttpResponseStatus.OK, SDPFRAG, answer.toString());
            response.headers().set(HttpHeaderNames.ETAG, session.etag);
            HttpResponses.send(ctx, req.head(), response);
        });
    }

    private static RoomKey roomOf(List<String> segments) {
        try {
            return RoomKey.of(segments.get(1), segments.get(2));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void notAllowed(ChannelHandlerContext ctx, RouteRequest req, String allowed) {
        WhipHttp.notAllowed(ctx, req, allowed);
    }

    private void error(ChannelHandlerContext ctx, RouteRequest req, int status, String reason) {
        WhipHttp.error(ctx, req, status, reason);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        return WhipHttp.response(status, contentType, body);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
