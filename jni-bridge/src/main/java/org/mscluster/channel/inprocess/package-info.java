/**
 * In-process workers: {@code mediasoup_worker_run} on a dedicated thread of this JVM, through our
 * small C bridge ({@code libmscluster-bridge.so}) that implements the worker's read/write callbacks
 * natively, so the media loop never waits for a JVM transition and Java moves messages in batches.
 */
package org.mscluster.channel.inprocess;
