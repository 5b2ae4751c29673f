package org.mscluster.signaling.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.hosting.ClientHints;
import org.mscluster.signaling.hosting.HostingDecision;
import org.mscluster.signaling.hosting.RoomHosting;
import org.mscluster.signaling.hosting.SignalingUrls;

/**
 * {@code GET /api/dispatch?roomId=&peerId=&namespace=&region=&isp=&token=}: where a client of the room
 * should connect, as {@code {"url","nodeId","workerIndex"}}. On a node this is its own URL for its
 * own rooms and the owner's URL for rooms the room hosting places elsewhere.
 */
public final class DispatchEndpoint implements JsonEndpoint {

    private final String nodeId;
    private final RoomHosting hosting;
    private final Function<RequestContext, String> ownBaseUrl;

    /** @param ownBaseUrl this node's WebSocket base URL as the asking client reaches it */
    public DispatchEndpoint(String nodeId, RoomHosting hosting, Function<RequestContext, String> ownBaseUrl) {
        this.nodeId = nodeId;
        this.hosting = hosting;
        this.ownBaseUrl = ownBaseUrl;
    }

    @Override
    public CompletionStage<JsonResponse> get(QueryStringDecoder query, RequestContext context) {
        String roomId = first(query, "roomId");
        String peerId = first(query, "peerId");
        if (roomId == null || roomId.isEmpty() || peerId == null || peerId.isEmpty()) {
            return done(JsonResponse.error(HttpResponseStatus.BAD_REQUEST, "roomId and peerId are required"));
        }
        RoomKey room;
        try {
            room = RoomKey.of(first(query, "namespace"), roomId);
        } catch (IllegalArgumentException e) {
            return done(JsonResponse.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        }
        String token = first(query, "token");
        ClientHints hints = new ClientHints(peerId, first(query, "region"), first(query, "isp"), token, context.remoteAddress());
        return hosting.locate(room, hints).thenApply(decision -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (decision instanceof HostingDecision.Elsewhere elsewhere) {
                body.put("url", SignalingUrls.forClient(elsewhere.signalingUrl(), roomId, peerId, room.namespace(), token,
                        hints.region(), hints.isp()));
                body.put("nodeId", elsewhere.nodeId());
            } else {
                body.put("url", SignalingUrls.forClient(ownBaseUrl.apply(context), roomId, peerId, room.namespace(), token,
                        hints.region(), hints.isp()));
                body.put("nodeId", nodeId);
            }
            body.put("workerIndex", decision.workerIndex());
            return JsonResponse.ok(body);
        });
    }

    private static CompletionStage<JsonResponse> done(JsonResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static String first(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
