package org.mscluster.cluster.model;

/** Keeps sampled utilisation figures inside 0..1; samplers overshoot briefly and NaN appears on first samples. */
final class Fractions {
    private Fractions() {}

    static double clamp(double value) {
        if (Double.isNaN(value) || value < 0) {
            return 0.0;
        }
        return Math.min(value, 1.0);
    }
}
