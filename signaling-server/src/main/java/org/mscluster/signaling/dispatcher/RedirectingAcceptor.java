package org.mscluster.signaling.dispatcher;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mscluster.signaling.metrics.DispatcherMeters;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.PeerAcceptor;
import org.mscluster.signaling.protoo.ProtooError;
import org.mscluster.signaling.protoo.ProtooPeer;

/**
 * The dispatcher's protoo side: every socket gets the {@code redirect} notification to the node and
 * worker of its room, then close code 4302. Requests the client sends meanwhile (the demo app asks
 * for the router's capabilities as soon as the socket opens) are held, not refused, so that the
 * client sees the redirect before any error.
 *
 * <p>When the room cannot be placed right now (no node, Redis unreachable) the socket closes with
 * 1013 "try again later", which protoo-client answers by reconnecting; a bad request closes with
 * 4000, which it does not retry.
 */
final class RedirectingAcceptor implements PeerAcceptor {

    /** RFC 6455 §7.4.2 registry: "Try Again Later". */
    /** A close frame's reason is at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_BYTES = 123;

    private final Dispatcher dispatcher;
    private final DispatcherMeters meters;

    /** @param meters times socket accepted → redirect sent; null for none */
    RedirectingAcceptor(Dispatcher dispatcher, DispatcherMeters meters) {
        this.dispatcher = dispatcher;
        this.meters = meters;
    }

    @Override
    public void accept(ConnectionRequest request, ProtooPeer peer) {
        long accepted = System.nanoTime();
        List<CompletableFuture<Object>> held = new CopyOnWriteArrayList<>();
        peer.setRequestHandler((self, message) -> {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            held.add(answer);
            return answer;
        });
        String address = request.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
        DispatchQuery query = new DispatchQuery(request.roomId(), request.peerId(), request.namespace(), request.token(),
                request.region(), request.isp(), address);
        // The answer is written on the socket's event loop, where the held requests arrive too: the
        // redirect notification then always goes out before the refusal of a request, whichever thread
        // finished the dispatch (written from another thread, it could be overtaken by a refusal that a
        // request arriving meanwhile triggers on the loop).
        dispatcher.dispatch(query).thenAccept(answer -> peer.execute(() -> answer(peer, answer, held, accepted)));
    }

    private void answer(ProtooPeer peer, DispatchAnswer answer, List<CompletableFuture<Object>> held, long accepted) {
        ProtooError error;
        if (answer instanceof DispatchAnswer.Routed routed) {
            peer.notify("redirect", Map.of("url", routed.url(), "nodeId", routed.nodeId(),
                    "reason", routed.newlyPlaced() ? "room placed on node " + routed.nodeId()
                            : "room hosted on node " + routed.nodeId()));
            peer.close(CloseCodes.REDIRECT, "redirect");
            if (meters != null) {
                meters.redirect(Duration.ofNanos(System.nanoTime() - accepted));
            }
            error = new ProtooError(ProtooError.FORBIDDEN, "redirected to node " + routed.nodeId());
        } else {
            DispatchAnswer.Refused refused = (DispatchAnswer.Refused) answer;
            peer.close(refused.retryable() ? CloseCodes.TRY_AGAIN_LATER : CloseCodes.CLOSED_BY_SERVER, reason(refused));
            error = new ProtooError(refused.status().code(), refused.detail());
        }
        held.forEach(future -> future.completeExceptionally(error));
    }

    private static String reason(DispatchAnswer.Refused refused) {
        String text = refused.code() + ": " + refused.detail();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return text;
        }
        return new String(bytes, 0, MAX_REASON_BYTES - 3, StandardCharsets.UTF_8).replace("\uFFFD", "") + "...";
    }
}
