/**
 * mediasoup's API in Java: the classes, methods and events of the Node layer under the same names
 * ({@code Worker}, {@code Router}, transports, producers, consumers), with {@code CompletableFuture}
 * where Node returns promises. {@link org.mscluster.mediasoup.Mediasoup} is the entry; the packages
 * follow the concepts, as mediasoup-rust's modules do: {@code worker}, {@code webrtcserver},
 * {@code router}, {@code transport}, {@code producer}, {@code consumer}, {@code data},
 * {@code observer}, with the value types in {@code rtp}, {@code sctp} and {@code ortc}, and the
 * errors in {@code errors}. Constructors and methods that only the layer itself calls across those
 * packages (an entity creating its child, a parent telling a child it closed) are public because Java
 * has no narrower scope across packages; they say so, and applications do not call them.
 *
 * <p>Objects form the tree Node's do, and close the same way: a {@link org.mscluster.mediasoup.worker.Worker}
 * holds routers and WebRtcServers; a {@link org.mscluster.mediasoup.router.Router} holds transports and RTP
 * observers, and knows the producers of all its transports; a {@link org.mscluster.mediasoup.transport.Transport}
 * holds what was produced and consumed on it. Closing a node tells the worker once and closes the
 * subtree locally, each child emitting why ({@code workerclose}, {@code routerclose},
 * {@code transportclose}, {@code listenserverclose}) and its observer {@code close}.
 *
 * <p>Futures complete, and worker events are emitted, on the worker's channel thread: chain work on
 * them rather than waiting there. Methods may be called from any thread.
 */
package org.mscluster.mediasoup;
