package org.mscluster.channel;

import com.google.flatbuffers.FlatBufferBuilder;

/** Writes a request or notification body into the message being built and returns its offset. */
@FunctionalInterface
public interface BodyWriter {

    int write(FlatBufferBuilder builder);
}
