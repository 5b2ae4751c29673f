package org.mscluster.mediasoup.worker;

import org.mscluster.channel.ChannelFailure;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;

/**
 * The one place where the channel's failures become the API's errors, so callers see mediasoup's
 * error classes ({@link TypeError}, {@link NotFoundError}, {@link InvalidStateError}) and never the
 * bridge's.
 */
final class ChannelErrorMapping {

    private ChannelErrorMapping() {
    }

    static MediasoupException toApiError(ChannelFailure failure, String message) {
        return switch (failure) {
            case INVALID_ARGUMENT -> new TypeError(message);
            case NOT_FOUND -> new NotFoundError(message);
            case CLOSED -> new InvalidStateError(message);
            case WORKER -> new MediasoupException(message);
        };
    }
}
