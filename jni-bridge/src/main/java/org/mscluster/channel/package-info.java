/**
 * The mediasoup worker's channel on the Java side: one {@link org.mscluster.channel.Channel} (request
 * table, notifications routed per handler id, worker logs) over a {@link
 * org.mscluster.channel.WorkerHost} that is either an in-process worker thread or a child process.
 *
 * <p>Every message is one FlatBuffers {@code FBS.Message.Message}; the classes are generated from the
 * pinned mediasoup package's schemas at build time.
 */
package org.mscluster.channel;
