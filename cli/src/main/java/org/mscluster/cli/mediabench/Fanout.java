package org.mscluster.cli.mediabench;

import java.util.List;

/**
 * The fan-out under measurement: one worker, one router, a PlainTransport (comedia, rtcpMux) with an
 * opus and a VP8 producer of the clip's SSRCs and payload types, and consuming PlainTransports that
 * send to the receiver. Two implementations, one per control layer, so the worker and the topology
 * are the same and only the layer driving them differs.
 */
public interface Fanout extends AutoCloseable {

    /** The producers' transport port on 127.0.0.1, where the clip is sent. */
    int producerPort();

    /**
     * Adds {@code count} PlainTransports connected to {@code 127.0.0.1:receiverPort}, each consuming
     * the video and the audio producer; answers the new consumers.
     */
    List<ConsumerStream> addTransports(int count, int receiverPort) throws Exception;

    /** CPU time the worker has used so far, in nanoseconds (its thread, or its process). */
    long workerCpuNanos() throws Exception;

    /** Which layer drives the worker, and how it runs: for the report. */
    String description();
}
