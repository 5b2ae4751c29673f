/**
 * Workers as child processes: the {@code mediasoup-worker} executable with its channel on file
 * descriptors 3 (to the worker) and 4 (from the worker), for crash isolation.
 */
package org.mscluster.channel.process;
