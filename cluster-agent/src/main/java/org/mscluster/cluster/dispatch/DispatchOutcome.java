package org.mscluster.cluster.dispatch;

/**
 * The answer to one request of a batch: a dispatch, or what a single call would have thrown
 * (usually {@link NoNodeAvailableException}, or a Redis failure).
 */
public record DispatchOutcome(Dispatch dispatch, RuntimeException failure) {
    public DispatchOutcome {
        if ((dispatch == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of dispatch and failure");
        }
    }

    public static DispatchOutcome of(Dispatch d) {
        return new DispatchOutcome(d, null);
    }

    public static DispatchOutcome failed(RuntimeException e) {
        return new DispatchOutcome(null, e);
    }

    public boolean succeeded() {
        return dispatch != null;
    }

    /** The dispatch, or the failure thrown. */
    public Dispatch get() {
        if (failure != null) {
            throw failure;
        }
        return dispatch;
    }
}
