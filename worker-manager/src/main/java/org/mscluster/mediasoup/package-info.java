/**
 * mediasoup's API in Java: the classes, methods and events of the Node layer under the same names
 * ({@code Worker}, {@code Router}, transports, producers, consumers), with {@code CompletableFuture}
 * where Node returns promises.
 */
package org.mscluster.mediasoup;
