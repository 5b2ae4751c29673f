package org.mscluster.mediasoup.pool;

import java.util.function.ToDoubleFunction;

/**
 * What a worker holds at one moment: open routers (counting those being created), transports,
 * producers and consumers. The pool compares workers by a load function of this snapshot.
 */
public record WorkerLoad(int routers, int transports, int producers, int consumers) {

    /** No objects at all. */
    public static final WorkerLoad NONE = new WorkerLoad(0, 0, 0, 0);

    /**
     * The default load function: routers, transports and consumers, one each. Consumers dominate a
     * busy worker (each is an outgoing stream); routers count so that empty routers still spread.
     */
    public static final ToDoubleFunction<WorkerLoad> DEFAULT_FUNCTION =
            load -> load.routers() + load.transports() + load.consumers();
}
