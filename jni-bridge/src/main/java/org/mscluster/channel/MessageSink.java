package org.mscluster.channel;

import java.nio.ByteBuffer;

/**
 * Receives the worker's messages in the order it wrote them, one at a time, on the host's single
 * delivery thread. Each buffer holds one unprefixed {@code FBS.Message.Message} from its position
 * to its limit and belongs to the sink afterwards (hosts never reuse it).
 */
@FunctionalInterface
public interface MessageSink {

    void onMessage(ByteBuffer message);
}
