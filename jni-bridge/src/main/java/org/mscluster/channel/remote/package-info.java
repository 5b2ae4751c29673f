/**
 * Workers on another machine: a media host ({@link org.mscluster.channel.remote.MediaHost}) runs
 * worker processes and serves each one's channel over one TCP connection (TLS optional), and a
 * {@link org.mscluster.channel.remote.RemoteWorkerHost} is the {@link org.mscluster.channel.WorkerHost}
 * at the other end, so a {@link org.mscluster.channel.Channel}, and the whole mediasoup API above it,
 * works unchanged against a remote worker.
 *
 * <p>The link's frames are those of the process mode's pipes, a 4-byte little-endian size and one
 * unprefixed FlatBuffers message, plus control frames (size with its top bit set, a small JSON
 * object) for what a pipe does not need: the handshake, heartbeats with the worker's CPU and memory,
 * and how the worker ended. The handshake:
 * <ol>
 *   <li>host: {@code hello} with a fresh 32-byte nonce;</li>
 *   <li>client: {@code auth} with HMAC-SHA256(secret, "mscluster-media/1" + nonce), its name and the
 *       worker's settings;</li>
 *   <li>host: {@code ready} with the worker's slot, pid and where its WebRTC server may listen, or
 *       {@code refused} with the reason, then it closes.</li>
 * </ol>
 * No channel byte passes before the proof is checked: a frame of either kind that is not the
 * expected one, an oversized size, bytes that are not the protocol or a TLS mismatch close the
 * connection with a log line. One link is one worker: the worker process is started for the link
 * and closed with it, so a node that loses its link loses the worker's routers, exactly as if a
 * local worker had died.
 */
package org.mscluster.channel.remote;
