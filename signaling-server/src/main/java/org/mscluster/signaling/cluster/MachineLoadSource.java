package org.mscluster.signaling.cluster;

import java.util.function.Supplier;

/**
 * Host figures that replace the measured ones in a node's load reports: tests and placement
 * experiments, where the build machine's real CPU must not decide where rooms go. A node measures
 * its host itself ({@link org.mscluster.signaling.operations.NodeSampler}) when none is set.
 */
@FunctionalInterface
public interface MachineLoadSource {

    MachineLoad sample();

    /** Always the same figures: tests, and placement experiments. */
    static MachineLoadSource fixed(MachineLoad load) {
        return () -> load;
    }

    /** Whatever {@code supplier} says at each sample: tests that change a node's load while it runs. */
    static MachineLoadSource of(Supplier<MachineLoad> supplier) {
        return supplier::get;
    }
}
