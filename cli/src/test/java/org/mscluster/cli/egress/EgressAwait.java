package org.mscluster.cli.egress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;

/** Waits for an egress to reach a status, read through whatever API a test asks it of (a node, a dispatcher). */
public final class EgressAwait {

    /** {@code GET /api/egress/{id}} as the test reaches it. */
    @FunctionalInterface
    public interface Lookup {
        JsonNode get(String id) throws Exception;
    }

    private EgressAwait() {
    }

    /** The egress's JSON once its {@code status} is {@code status}; fails with the last JSON seen after {@code seconds}. */
    public static JsonNode status(Lookup lookup, String id, String status, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = lookup.get(id);
            if (last.get("status").asText().equals(status)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("egress " + id + " not " + status + " within " + seconds + " s: " + last);
    }
}
