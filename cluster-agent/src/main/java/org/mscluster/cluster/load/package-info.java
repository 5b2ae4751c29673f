/**
 * Sampling the machine a node runs on into the load model's {@link org.mscluster.cluster.model.HostLoad}:
 * {@code /proc} readings, with the CPU smoothed so a burst on a small host does not refuse rooms.
 */
package org.mscluster.cluster.load;
