package io.keras4j.initializers;

import io.keras4j.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mean, standard deviation and range of a sample, with the checks the initializer tests share. */
record SampleStatistics(double mean, double std, double min, double max, int n) {
    static SampleStatistics of(Tensor t) {
        int n = t.size();
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = t.getDouble(i);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n, ss = 0;
        for (int i = 0; i < n; i++) ss += (t.getDouble(i) - mean) * (t.getDouble(i) - mean);
        return new SampleStatistics(mean, Math.sqrt(ss / n), min, max, n);
    }

    /**
     * Mean within 6 standard errors of {@code expectedMean}, and standard deviation within 1.5% of
     * {@code expectedStd} (for the sample sizes used, about 5 standard errors of that estimate).
     */
    void assertMoments(double expectedMean, double expectedStd) {
        assertEquals(expectedMean, mean, 6 * expectedStd / Math.sqrt(n), "mean of " + this);
        assertEquals(expectedStd, std, 0.015 * expectedStd, "standard deviation of " + this);
    }

    /** All values in [lo, hi], and the extremes within 1% of the range from the bounds (the bounds are tight). */
    void assertTightBounds(double lo, double hi) {
        assertTrue(min >= lo && max <= hi, "values outside [" + lo + ", " + hi + "]: " + this);
        assertTrue(min < lo + 0.01 * (hi - lo) && max > hi - 0.01 * (hi - lo), "bounds not reached: " + this);
    }
}
