package org.mscluster.signaling.cluster;

import java.util.function.Supplier;

/** Samples the host's figures once per load report; rates are since the previous call. */
@FunctionalInterface
public interface MachineLoadSource {

    MachineLoad sample();

    /** The host as {@code /proc} (or the JVM, elsewhere) sees it. */
    static MachineLoadSource system() {
        return new ProcMachineLoad();
    }

    /** Always the same figures: tests, and placement experiments. */
    static MachineLoadSource fixed(MachineLoad load) {
        return () -> load;
    }

    /** Whatever {@code supplier} says at each sample: tests that change a node's load while it runs. */
    static MachineLoadSource of(Supplier<MachineLoad> supplier) {
        return supplier::get;
    }
}
