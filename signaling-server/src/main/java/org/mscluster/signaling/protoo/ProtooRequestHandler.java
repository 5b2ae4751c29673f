package org.mscluster.signaling.protoo;

import java.util.concurrent.CompletionStage;

/**
 * Answers the requests of one peer. The stage's value becomes the response's {@code data} ({@code
 * null}: {@code {}}); a {@link ProtooError} picks the error code, any other failure answers 500.
 */
@FunctionalInterface
public interface ProtooRequestHandler {
    CompletionStage<?> handle(ProtooPeer peer, ProtooMessage.Request request);
}
