package io.keras4j.conformance;

import io.keras4j.tensor.Tensor;

import java.util.Locale;

/** Elementwise closeness {@code |got - expected| <= atol + rtol * |expected|}, as the conformance README defines it. */
record Tolerance(double atol, double rtol) {
    static final Tolerance LAYERS = new Tolerance(1e-4, 1e-4);
    /** Deep chains of the Keras 2 set carry the 6-decimal rounding of every intermediate weight further. */
    static final Tolerance GRAPHS = new Tolerance(1e-3, 1e-4);
    static final Tolerance LOSSES = new Tolerance(1e-5, 1e-5);
    static final Tolerance OPTIMIZERS = new Tolerance(1e-6, 1e-6);

    /**
     * Null when {@code got} matches; otherwise the worst absolute error among the elements out of
     * tolerance, where it is (flat index) and both values.
     */
    String mismatch(Tensor got, Tensor expected) {
        if (!got.shape().equals(expected.shape())) return "shape " + got.shape() + ", expected " + expected.shape();
        int worst = -1, outside = 0;
        double worstError = -1;
        for (int i = 0; i < got.size(); i++) {
            double g = got.getDouble(i), e = expected.getDouble(i);
            if (close(g, e)) continue;
            outside++;
            double error = Double.isNaN(g - e) ? Double.POSITIVE_INFINITY : Math.abs(g - e);
            if (error > worstError) {
                worstError = error;
                worst = i;
            }
        }
        if (outside == 0) return null;
        return String.format(Locale.ROOT, "max |error| %.3g at flat index %d: got %.7g, expected %.7g (%d of %d elements outside %s)",
                Math.abs(got.getDouble(worst) - expected.getDouble(worst)), worst, got.getDouble(worst), expected.getDouble(worst),
                outside, got.size(), this);
    }

    private boolean close(double g, double e) {
        if (g == e) return true; // also equal infinities
        if (Double.isNaN(g) || Double.isNaN(e)) return Double.isNaN(g) && Double.isNaN(e);
        return Math.abs(g - e) <= atol + rtol * Math.abs(e);
    }

    @Override public String toString() { return String.format(Locale.ROOT, "%.0e + %.0e*|e|", atol, rtol); }
}
