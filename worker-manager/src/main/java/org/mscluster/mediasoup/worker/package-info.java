/**
 * A mediasoup worker (an in-process thread, a child process, or a process on a media host reached over
 * TCP: {@link org.mscluster.mediasoup.worker.WorkerMode}) and its settings, dump and resource usage:
 * the root of the object tree, and the only owner of the channel to the native worker.
 */
package org.mscluster.mediasoup.worker;
