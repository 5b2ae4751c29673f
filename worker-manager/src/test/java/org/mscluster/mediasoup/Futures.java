package org.mscluster.mediasoup;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting on the API's futures in tests, as jest's {@code await} and {@code rejects} do. */
final class Futures {

    private Futures() {
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    /**
     * What {@code call} fails with, whether it throws at once or returns a future that fails: jest's
     * {@code rejects} makes no difference between the two, and neither should the ported tests.
     */
    static Throwable failure(Callable<? extends CompletableFuture<?>> call) {
        CompletableFuture<?> future;
        try {
            future = call.call();
        } catch (Exception e) {
            return e;
        }
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure, got success");
    }
}
