package org.mscluster.signaling.dispatcher;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.mscluster.cluster.dispatch.Dispatch;
import org.mscluster.cluster.dispatch.DispatchPipeline;
import org.mscluster.cluster.dispatch.NoNodeAvailableException;
import org.mscluster.cluster.locate.ClientLocator;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.Names;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.access.AccessDecision;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.hosting.SignalingUrls;
import org.mscluster.signaling.metrics.DispatcherMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's one decision, shared by {@code /api/dispatch} and the WebSocket entry: check the
 * request, check the token, locate the client, and ask the room directory (one Redis round trip, see
 * {@link org.mscluster.cluster.dispatch.RoomPlacer}) which node and worker host the room, placing it
 * when it is new. Holds no state of its own: any number of dispatchers give the same answers.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final DispatchPipeline pipeline;
    private final AccessGuard access;
    private final ClientLocator locator;
    private final DispatcherMeters meters;

    public Dispatcher(DispatchPipeline pipeline, AccessGuard access, ClientLocator locator) {
        this(pipeline, access, locator, null);
    }

    /** @param meters counts decisions by outcome and times placements; null for none */
    public Dispatcher(DispatchPipeline pipeline, AccessGuard access, ClientLocator locator, DispatcherMeters meters) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.access = Objects.requireNonNull(access, "access");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.meters = meters;
    }

    /** Never completes exceptionally: every failure is a {@link DispatchAnswer.Refused}. */
    public CompletableFuture<DispatchAnswer> dispatch(DispatchQuery query) {
        CompletableFuture<DispatchAnswer> answer = decide(query);
        if (meters != null) {
            answer.thenAccept(a -> meters.decision(outcome(a)));
        }
        return answer;
    }

    private static DispatcherMeters.Outcome outcome(DispatchAnswer answer) {
        if (answer instanceof DispatchAnswer.Routed routed) {
            return routed.newlyPlaced() ? DispatcherMeters.Outcome.PLACED : DispatcherMeters.Outcome.EXISTING;
        }
        return switch (((DispatchAnswer.Refused) answer).code()) {
            case "no_node_available" -> DispatcherMeters.Outcome.NO_NODE;
            case "cluster_unavailable" -> DispatcherMeters.Outcome.ERROR;
            default -> DispatcherMeters.Outcome.REFUSED;
        };
    }

    private CompletableFuture<DispatchAnswer> decide(DispatchQuery query) {
        if (blank(query.roomId()) || blank(query.peerId())) {
            return refused(HttpResponseStatus.BAD_REQUEST, "bad_request", "roomId and peerId are required");
        }
        RoomKey room;
        try {
            room = RoomKey.of(query.namespace(), query.roomId());
            Names.requireRoomId(query.peerId());
        } catch (IllegalArgumentException e) {
            return refused(HttpResponseStatus.BAD_REQUEST, "bad_request", e.getMessage());
        }
        AccessDecision decision = access.checkJoin(room.namespace(), query.roomId(), query.peerId(), query.token());
        if (!decision.allowed()) {
            return CompletableFuture.completedFuture(new DispatchAnswer.Refused(decision.status(), decision.code(),
                    decision.detail()));
        }
        ClientInfo client;
        try {
            client = locator.locate(query.region(), query.isp(), query.address());
        } catch (IllegalArgumentException e) {
            return refused(HttpResponseStatus.BAD_REQUEST, "bad_region", e.getMessage());
        }
        long started = System.nanoTime();
        return pipeline.dispatch(room, client).handle((dispatch, error) -> {
            if (meters != null) {
                meters.redisCommand("place", java.time.Duration.ofNanos(System.nanoTime() - started));
            }
            if (error == null) {
                return routed(dispatch, query, room);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof NoNodeAvailableException) {
                LOG.warn("{}", cause.getMessage());
                return new DispatchAnswer.Refused(HttpResponseStatus.SERVICE_UNAVAILABLE, "no_node_available", cause.getMessage());
            }
            LOG.warn("room {}: dispatch failed: {}", room, cause.toString());
            return new DispatchAnswer.Refused(HttpResponseStatus.SERVICE_UNAVAILABLE, "cluster_unavailable",
                    "the cluster's room directory cannot be reached right now");
        });
    }

    private static DispatchAnswer routed(Dispatch dispatch, DispatchQuery query, RoomKey room) {
        String url = SignalingUrls.forClient(dispatch.node().signalingUrl(), query.roomId(), query.peerId(), room.namespace(),
                query.token(), query.region(), query.isp());
        return new DispatchAnswer.Routed(url, dispatch.node().id(), dispatch.placement().workerIndex(), dispatch.newlyPlaced());
    }

    private static CompletableFuture<DispatchAnswer> refused(HttpResponseStatus status, String code, String detail) {
        return CompletableFuture.completedFuture(new DispatchAnswer.Refused(status, code, detail));
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
