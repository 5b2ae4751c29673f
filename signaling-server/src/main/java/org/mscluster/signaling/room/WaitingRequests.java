package org.mscluster.signaling.room;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.signaling.protoo.ProtooError;
import org.mscluster.signaling.protoo.ProtooMessage;
import org.mscluster.signaling.protoo.ProtooPeer;
import org.mscluster.signaling.protoo.ProtooRequestHandler;

/**
 * A peer's request handler while its room is still being found or created: clients send
 * getRouterRtpCapabilities the moment the socket opens. Requests wait here and are handed to the
 * room's handler in arrival order once it is attached (chaining them on the room's future instead
 * would run them in reverse order).
 */
final class WaitingRequests implements ProtooRequestHandler {

    private record Waiting(ProtooPeer peer, ProtooMessage.Request request, CompletableFuture<Object> result) {
    }

    private final List<Waiting> waiting = new ArrayList<>();
    private ProtooRequestHandler target;
    private ProtooError failure;

    @Override
    public CompletionStage<?> handle(ProtooPeer peer, ProtooMessage.Request request) {
        ProtooRequestHandler handler;
        synchronized (this) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            handler = target;
            if (handler == null) {
                CompletableFuture<Object> result = new CompletableFuture<>();
                waiting.add(new Waiting(peer, request, result));
                return result;
            }
        }
        return handler.handle(peer, request);
    }

    /** From now on requests go to {@code handler}; those that waited go first, in order. */
    void attach(ProtooRequestHandler handler) {
        // Forwarding under the lock keeps a request arriving right now behind the queued ones; the
        // room's handler only enqueues onto the room's executor, so this is short.
        synchronized (this) {
            target = handler;
            for (Waiting w : waiting) {
                forward(handler, w);
            }
            waiting.clear();
        }
    }

    /**
     * No room will come (redirect, placement failure): answer everything with {@code error}, now and from
     * now on. Returns how many requests were waiting.
     */
    int fail(ProtooError error) {
        List<Waiting> queued;
        synchronized (this) {
            failure = error;
            queued = List.copyOf(waiting);
            waiting.clear();
        }
        queued.forEach(w -> w.result().completeExceptionally(error));
        return queued.size();
    }

    private static void forward(ProtooRequestHandler handler, Waiting w) {
        CompletionStage<?> stage;
        try {
            stage = handler.handle(w.peer(), w.request());
        } catch (RuntimeException e) {
            w.result().completeExceptionally(e);
            return;
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                w.result().completeExceptionally(error);
            } else {
                w.result().complete(value);
            }
        });
    }
}
