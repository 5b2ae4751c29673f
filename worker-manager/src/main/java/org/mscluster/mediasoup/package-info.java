/**
 * mediasoup's API in Java: the classes, methods and events of the Node layer under the same names
 * ({@code Worker}, {@code Router}, transports, producers, consumers), with {@code CompletableFuture}
 * where Node returns promises.
 *
 * <p>Objects form the tree Node's do, and close the same way: a {@link org.mscluster.mediasoup.Worker}
 * holds routers and WebRtcServers; a {@link org.mscluster.mediasoup.Router} holds transports and RTP
 * observers, and knows the producers of all its transports; a {@link org.mscluster.mediasoup.Transport}
 * holds what was produced and consumed on it. Closing a node tells the worker once and closes the
 * subtree locally, each child emitting why ({@code workerclose}, {@code routerclose},
 * {@code transportclose}, {@code listenserverclose}) and its observer {@code close}.
 *
 * <p>Futures complete, and worker events are emitted, on the worker's channel thread: chain work on
 * them rather than waiting there. Methods may be called from any thread.
 */
package org.mscluster.mediasoup;
