package org.mscluster.benchmarks;

import FBS.Message.Body;
import FBS.Message.Message;
import FBS.Request.Request;
import FBS.Response.Response;
import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.mscluster.channel.MessageSink;
import org.mscluster.channel.WorkerExit;
import org.mscluster.channel.WorkerHost;

/**
 * A worker host that answers every request at once, on the sender's thread, with an accepted empty
 * response: the channel's own cost per round trip (encoding, the request table, decoding, completing
 * the future) without a worker, a thread hop or a syscall.
 */
final class LoopbackHost implements WorkerHost {

    private final MessageSink sink;
    private final FlatBufferBuilder builder = new FlatBufferBuilder(256);
    private final Message message = new Message();
    private final Request request = new Request();
    private final CompletableFuture<WorkerExit> exit = new CompletableFuture<>();

    LoopbackHost(MessageSink sink) {
        this.sink = sink;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean send(ByteBuffer buffer) {
        Message.getRootAsMessage(buffer, message);
        if (message.dataType() != Body.Request) {
            return true;
        }
        message.data(request);
        builder.clear();
        int response = Response.createResponse(builder, request.id(), true, (byte) 0, 0, 0, 0);
        builder.finish(Message.createMessage(builder, Body.Response, response));
        // Hosts hand the sink a buffer it may keep.
        sink.onMessage(ByteBuffer.wrap(builder.sizedByteArray()));
        return true;
    }

    @Override
    public boolean sendLast(ByteBuffer message) {
        exit.complete(new WorkerExit(0, null, null));
        return true;
    }

    @Override
    public CompletableFuture<WorkerExit> exit() {
        return exit;
    }

    @Override
    public boolean isDeliveryThread(Thread thread) {
        return false;
    }

    @Override
    public void kill() {
        exit.complete(new WorkerExit(0, null, null));
    }
}
