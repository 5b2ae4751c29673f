package org.mscluster.signaling.dispatcher;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.RouteRequest;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.whip.WhipHttp;

/**
 * {@code POST /whip/{namespace}/{roomId}} and {@code /whep/…} on the dispatcher: the room is found or
 * placed as for a protoo join (same {@link Dispatcher}: token, namespace, region, placement) and the
 * client gets {@code 307} to the same path on the room's node, which keeps method and body (RFC 9110
 * section 15.4.8). A request without {@code ?peerId=} and without a token subject gets one here, put
 * into the {@code Location}, so the node seats the peer the dispatcher placed. Refusals are the
 * node's: 401/403 for tokens, 400, 415, 503 when no node can take the room. Sessions live on their
 * node ({@code Location} of the node's 201): the dispatcher knows no resource.
 */
final class WhipRedirectRoute implements HttpRoute {

    private final String path;
    private final Dispatcher dispatcher;

    /** @param path {@code /whip} or {@code /whep} */
    WhipRedirectRoute(String path, Dispatcher dispatcher) {
        this.path = path;
        this.dispatcher = dispatcher;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        RouteRequest req = RouteRequest.of(ctx, request);
        if (req.segments().size() != 3) {
            WhipHttp.error(ctx, req, 404, req.segments().size() == 4
                    ? "sessions live on their node: use the Location the node answered with"
                    : "not found: " + req.path() + " (" + path + "/{namespace}/{roomId})");
            return;
        }
        if (HttpMethod.OPTIONS.equals(req.method())) {
            HttpResponses.send(ctx, req.head(), WhipHttp.options());
            return;
        }
        if (!HttpMethod.POST.equals(req.method())) {
            WhipHttp.notAllowed(ctx, req, "OPTIONS, POST");
            return;
        }
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase().startsWith(WhipHttp.SDP)) {
            WhipHttp.error(ctx, req, 415, "Content-Type must be " + WhipHttp.SDP);
            return;
        }
        String token = req.bearerToken();
        boolean named = req.parameter("peerId") != null && !req.parameter("peerId").isEmpty();
        String peerId = WhipHttp.peerId(req, token, path.substring(1));
        String address = req.remoteAddress() == null ? null : req.remoteAddress().getHostAddress();
        DispatchQuery query = new DispatchQuery(req.segments().get(2), peerId, req.segments().get(1), token,
                req.parameter("region"), req.parameter("isp"), address);
        String uri = req.head().uri();
        dispatcher.dispatch(query).thenAccept(answer -> {
            if (answer instanceof DispatchAnswer.Routed routed) {
                String target = nodeBase(routed.url()) + uri;
                if (!named) {
                    target += (uri.contains("?") ? "&" : "?") + "peerId=" + URLEncoder.encode(peerId, StandardCharsets.UTF_8);
                }
                FullHttpResponse response = WhipHttp.response(HttpResponseStatus.TEMPORARY_REDIRECT, null, null);
                response.headers().set(HttpHeaderNames.LOCATION, target);
                HttpResponses.send(ctx, req.head(), response);
                return;
            }
            DispatchAnswer.Refused refused = (DispatchAnswer.Refused) answer;
            FullHttpResponse response = WhipHttp.response(refused.status(), "application/json; charset=utf-8",
                    Json.write(refused.body()));
            if (refused.status().code() == 401) {
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            }
            HttpResponses.send(ctx, req.head(), response);
        });
    }

    /** {@code http(s)://host:port} of the node whose WebSocket URL (with its query) is {@code url}. */
    private static String nodeBase(String url) {
        URI node = URI.create(url);
        String scheme = "wss".equals(node.getScheme()) ? "https" : "http";
        return scheme + "://" + node.getRawAuthority();
    }
}
