package org.mscluster.cluster.load;

import java.util.function.Supplier;
import org.mscluster.cluster.model.HostLoad;

/**
 * Where a node's host figures come from: the machine ({@link HostSampler}), or fixed figures for
 * tests and placement experiments, where the build machine's real CPU must not decide where rooms go.
 */
@FunctionalInterface
public interface HostLoadSource {

    /** Figures now; called once per report on one thread. */
    HostLoad sample();

    /** Always the same figures. */
    static HostLoadSource fixed(HostLoad load) {
        return () -> load;
    }

    /** Whatever {@code supplier} says at each sample: tests that change a node's load while it runs. */
    static HostLoadSource of(Supplier<HostLoad> supplier) {
        return supplier::get;
    }
}
