package org.mscluster.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.signaling.protoo.ProtooError;

class RoomRequestsTest {

    @Test
    void mediasoupsInvalidArgumentsAreTheClientsBadRequest() {
        Throwable wrapped = RoomRequests.asClientError(new CompletionException(
                new TypeError("cannot encode WEBRTCTRANSPORT_CONNECT: invalid FingerprintAlgorithm: null")));
        assertThat(wrapped).isInstanceOfSatisfying(ProtooError.class, e -> {
            assertThat(e.code()).isEqualTo(ProtooError.BAD_REQUEST);
            assertThat(e.reason()).isEqualTo("cannot encode WEBRTCTRANSPORT_CONNECT: invalid FingerprintAlgorithm: null");
        });
        assertThat(RoomRequests.asClientError(new UnsupportedError("unsupported codec [mimeType:video/VPN, payloadType:96]")))
                .isInstanceOfSatisfying(ProtooError.class, e -> assertThat(e.code()).isEqualTo(ProtooError.BAD_REQUEST));
    }

    @Test
    void anEntityTheWorkerNoLongerHasIsNotFound() {
        Throwable gone = RoomRequests.asClientError(new CompletionException(new NotFoundError(
                "Channel request handler with ID 46d088d8 not found [method:consumer.getStats]")));
        assertThat(gone).isInstanceOfSatisfying(ProtooError.class, e -> assertThat(e.code()).isEqualTo(ProtooError.NOT_FOUND));
    }

    @Test
    void otherFailuresPassUnchanged() {
        CompletionException workerRefusal = new CompletionException(new MediasoupException("connect() already called"));
        assertThat(RoomRequests.asClientError(workerRefusal)).isSameAs(workerRefusal);
        InvalidStateError closed = new InvalidStateError("Channel closed");
        assertThat(RoomRequests.asClientError(closed)).isSameAs(closed);
        ProtooError notFound = ProtooError.notFound("transport with id \"x\" not found");
        assertThat(RoomRequests.asClientError(notFound)).isSameAs(notFound);
    }
}
