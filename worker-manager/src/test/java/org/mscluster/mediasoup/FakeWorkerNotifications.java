package org.mscluster.mediasoup;

import FBS.Message.Message;
import FBS.Notification.Notification;
import com.google.flatbuffers.FlatBufferBuilder;
import org.mscluster.channel.BodyWriter;
import org.mscluster.channel.Channel;

/**
 * Plays the worker's part for a notification, as the jest suite does with
 * {@code channel.emit(id, event, notification)}: the message goes through the channel's own entry
 * point for worker output, so it is routed exactly like a real one.
 */
final class FakeWorkerNotifications {

    private FakeWorkerNotifications() {
    }

    static void send(Channel channel, String handlerId, int event, byte bodyType, BodyWriter body) {
        FlatBufferBuilder builder = new FlatBufferBuilder(256);
        int handler = builder.createString(handlerId);
        int bodyOffset = body.write(builder);
        int notification = Notification.createNotification(builder, handler, event, bodyType, bodyOffset);
        builder.finish(Message.createMessage(builder, FBS.Message.Body.Notification, notification));
        channel.onMessage(builder.dataBuffer());
    }
}
