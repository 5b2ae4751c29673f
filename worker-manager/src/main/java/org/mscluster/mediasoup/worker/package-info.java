/**
 * A mediasoup worker (a C++ process or in-process thread) and its settings, dump and resource usage:
 * the root of the object tree, and the only owner of the channel to the native worker.
 */
package org.mscluster.mediasoup.worker;
