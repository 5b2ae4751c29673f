package org.mscluster.mediasoup.pool;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Placement of a new router: the candidate with the lowest load, the first of equals on a tie (so
 * that, all being equal, slots fill in order and the choice is reproducible). A pure function, so
 * it is tested without workers.
 */
public final class LeastLoaded {

    private LeastLoaded() {
    }

    /**
     * The index in {@code candidates} of the least loaded one, {@code null} entries (no worker
     * running there) skipped; -1 if there is none.
     */
    public static int select(List<WorkerLoad> candidates, ToDoubleFunction<WorkerLoad> loadFunction) {
        int best = -1;
        double bestLoad = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            WorkerLoad candidate = candidates.get(i);
            if (candidate == null) {
                continue;
            }
            double load = loadFunction.applyAsDouble(candidate);
            if (best < 0 || load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        return best;
    }
}
