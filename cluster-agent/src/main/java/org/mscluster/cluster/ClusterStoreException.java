package org.mscluster.cluster;

/**
 * The cluster store could not be read or written (Redis unreachable, a script failed, a timeout).
 * Callers outside this module catch this, never a Redis client's exception.
 */
public class ClusterStoreException extends RuntimeException {
    public ClusterStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
