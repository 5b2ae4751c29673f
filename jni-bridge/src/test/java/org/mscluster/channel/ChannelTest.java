package org.mscluster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import FBS.Message.Body;
import FBS.Message.Message;
import FBS.Notification.Event;
import FBS.Notification.Notification;
import FBS.Request.Method;
import FBS.Request.Request;
import FBS.Response.Response;
import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channel's bookkeeping (request table, error mapping, notification routing and buffering,
 * closing) on hand-made worker messages; {@code WorkerIT} and {@code ChannelIT} cover the real worker.
 */
class ChannelTest {

    private RecordingHost host;
    private Channel channel;

    @BeforeEach
    void setUp() {
        host = new RecordingHost();
        channel = new Channel("test", sink -> host);
    }

    @Test
    void acceptedResponseCompletesTheRequestWithTheSameId() {
        CompletableFuture<Response> first = channel.request(Method.WORKER_DUMP, null);
        CompletableFuture<Response> second = channel.request(Method.WORKER_GET_RESOURCE_USAGE, null);
        assertThat(host.sent).hasSize(2);
        long secondId = host.sent.get(1).id();
        channel.onMessage(response(secondId, true, null, null));
        assertThat(second).isCompleted();
        assertThat(second.join().id()).isEqualTo(secondId);
        assertThat(first).isNotDone();
        assertThat(channel.pendingRequests()).isEqualTo(1);
    }

    @Test
    void refusedResponsesMapToDistinctErrorsWithTheWorkersReason() {
        CompletableFuture<Response> typeError = channel.request(Method.WORKER_DUMP, null);
        CompletableFuture<Response> notFound = channel.request(Method.WORKER_DUMP, null);
        CompletableFuture<Response> other = channel.request(Method.WORKER_DUMP, null);
        channel.onMessage(response(host.sent.get(0).id(), false, "TypeError", "invalid value 'x' for logLevel"));
        channel.onMessage(response(host.sent.get(1).id(), false, "NotFoundError", "Router not found"));
        channel.onMessage(response(host.sent.get(2).id(), false, "Error", "something else"));

        assertThatThrownBy(typeError::join).cause().isExactlyInstanceOf(ChannelException.class).hasMessage("invalid value 'x' for logLevel")
                .extracting(e -> ((ChannelException) e).failure()).isEqualTo(ChannelFailure.INVALID_ARGUMENT);
        assertThatThrownBy(notFound::join).cause().hasMessage("Router not found")
                .extracting(e -> ((ChannelException) e).failure()).isEqualTo(ChannelFailure.NOT_FOUND);
        assertThatThrownBy(other::join).cause().hasMessage("something else")
                .extracting(e -> ((ChannelException) e).failure()).isEqualTo(ChannelFailure.WORKER);
    }

    @Test
    void notificationsArrivingBeforeTheSubscriberAreReplayedInOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        channel.buffer("transport-1");
        channel.onMessage(notification("transport-1", Event.WEBRTCTRANSPORT_ICE_STATE_CHANGE));
        channel.onMessage(notification("transport-1", Event.WEBRTCTRANSPORT_DTLS_STATE_CHANGE));
        channel.onMessage(notification("other", Event.PRODUCER_SCORE));

        channel.subscribe("transport-1", n -> seen.add(Event.name(n.event())));
        channel.onMessage(notification("transport-1", Event.WEBRTCTRANSPORT_ICE_SELECTED_TUPLE_CHANGE));

        assertThat(seen).containsExactly("WEBRTCTRANSPORT_ICE_STATE_CHANGE", "WEBRTCTRANSPORT_DTLS_STATE_CHANGE",
                "WEBRTCTRANSPORT_ICE_SELECTED_TUPLE_CHANGE");
    }

    @Test
    void notificationsWithoutBufferOrSubscriberAreDroppedAndAFailingListenerDoesNotStopDelivery() {
        List<Integer> seen = new ArrayList<>();
        channel.onMessage(notification("late", Event.PRODUCER_SCORE));
        channel.subscribe("late", n -> {
            seen.add(n.event());
            throw new IllegalStateException("listener bug");
        });
        channel.onMessage(notification("late", Event.PRODUCER_SCORE));
        channel.onMessage(notification("late", Event.PRODUCER_TRACE));
        assertThat(seen).containsExactly(Event.PRODUCER_SCORE, Event.PRODUCER_TRACE);
        assertThatThrownBy(() -> channel.subscribe("late", n -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void workerRunningCompletesRunningWhateverItsHandlerId() {
        assertThat(channel.running()).isNotDone();
        channel.onMessage(notification("12345", Event.WORKER_RUNNING));
        assertThat(channel.running()).isCompleted();
    }

    @Test
    void theWorkerEndingFailsPendingAndLaterRequests() {
        CompletableFuture<Response> pending = channel.request(Method.WORKER_DUMP, null);
        host.exit.complete(new WorkerExit(137, "SIGKILL"));
        assertThatThrownBy(pending::join).cause().hasMessageContaining("SIGKILL")
                .extracting(e -> ((ChannelException) e).failure()).isEqualTo(ChannelFailure.CLOSED);
        assertThat(channel.pendingRequests()).isZero();
        assertThatThrownBy(() -> channel.request(Method.WORKER_DUMP, null).join()).cause()
                .extracting(e -> ((ChannelException) e).failure()).isEqualTo(ChannelFailure.CLOSED);
        assertThat(channel.running()).isCompletedExceptionally();
    }

    @Test
    void requestsOverTheWorkersSizeLimitAreRefusedWithoutBeingSent() {
        byte[] big = new byte[Channel.MAX_MESSAGE_SIZE];
        CompletableFuture<Response> request = channel.request(Method.DATACONSUMER_SEND, "x", FBS.Request.Body.DataConsumer_SendRequest,
                builder -> FBS.DataConsumer.SendRequest.createSendRequest(builder, 51, builder.createByteVector(big)));
        assertThatThrownBy(request::join).cause().hasMessageContaining("limit")
                .extracting(e -> ((ChannelException) e).failure()).isEqualTo(ChannelFailure.INVALID_ARGUMENT);
        assertThat(host.sent).isEmpty();
    }

    @Test
    void requestIdsWrapAtTwoToTheThirtySecondSkippingZero() {
        channel.resetRequestIds(-2); // the next ids are 2^32-1, then 1
        channel.request(Method.WORKER_DUMP, null);
        channel.request(Method.WORKER_DUMP, null);
        assertThat(host.sent).extracting(Request::id).containsExactly(4_294_967_295L, 1L);
    }

    @Test
    void waitingOnTheDeliveryThreadFailsInsteadOfDeadlocking() {
        host.deliveryThread = Thread.currentThread();
        CompletableFuture<Response> request = channel.request(Method.WORKER_DUMP, null);
        assertThatThrownBy(request::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
        assertThatThrownBy(() -> request.thenApply(r -> r).join()).isInstanceOf(IllegalStateException.class);
    }

    private static ByteBuffer response(long id, boolean accepted, String error, String reason) {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int errorOffset = error == null ? 0 : builder.createString(error);
        int reasonOffset = reason == null ? 0 : builder.createString(reason);
        int response = Response.createResponse(builder, id, accepted, (byte) 0, 0, errorOffset, reasonOffset);
        builder.finish(Message.createMessage(builder, Body.Response, response));
        return ByteBuffer.wrap(builder.sizedByteArray());
    }

    private static ByteBuffer notification(String handlerId, int event) {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int notification = Notification.createNotification(builder, builder.createString(handlerId), event, (byte) 0, 0);
        builder.finish(Message.createMessage(builder, Body.Notification, notification));
        return ByteBuffer.wrap(builder.sizedByteArray());
    }

    /** Keeps what the channel sends; the test plays the worker by calling {@code onMessage}. */
    private static final class RecordingHost implements WorkerHost {
        final List<Request> sent = new ArrayList<>();
        final CompletableFuture<WorkerExit> exit = new CompletableFuture<>();
        Thread deliveryThread;

        @Override
        public long pid() {
            return 1;
        }

        @Override
        public boolean send(ByteBuffer message) {
            byte[] copy = new byte[message.remaining()];
            message.duplicate().get(copy);
            Message decoded = Message.getRootAsMessage(ByteBuffer.wrap(copy));
            sent.add((Request) decoded.data(new Request()));
            return true;
        }

        @Override
        public boolean sendLast(ByteBuffer message) {
            return send(message);
        }

        @Override
        public CompletableFuture<WorkerExit> exit() {
            return exit;
        }

        @Override
        public boolean isDeliveryThread(Thread thread) {
            return thread == deliveryThread;
        }

        @Override
        public void kill() {
        }
    }
}
