package io.keras4j.wrappers;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a random search draws a hyperparameter from (scipy.stats' distributions as scikit-learn's
 * {@code RandomizedSearchCV} takes them). A plain list of values in the search's map is sampled
 * uniformly, like {@link #choice}.
 */
@FunctionalInterface
public interface Distribution {
    /** One value, drawn with {@code rng}. */
    Object sample(SplittableRandom rng);

    /** Uniform on {@code [low, high)} (scipy's {@code uniform(loc=low, scale=high-low)}). */
    static Distribution uniform(double low, double high) {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("Distribution `uniform` needs finite low < high. Received: low=" + low + ", high=" + high);
        }
        return named("uniform(" + low + ", " + high + ")", rng -> low + (high - low) * rng.nextDouble());
    }

    /**
     * Log-uniform on {@code [low, high)} (scipy's {@code loguniform(low, high)}): every decade equally
     * likely, the usual prior for learning rates and regularisation strengths.
     */
    static Distribution logUniform(double low, double high) {
        if (!(low > 0) || !(low < high) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("Distribution `loguniform` needs 0 < low < high. Received: low=" + low + ", high=" + high);
        }
        double a = Math.log(low), b = Math.log(high);
        return named("loguniform(" + low + ", " + high + ")", rng -> Math.min(Math.exp(a + (b - a) * rng.nextDouble()), Math.nextDown(high)));
    }

    /** A uniform integer in {@code [low, high)} (scipy's {@code randint(low, high)}). */
    static Distribution randInt(int low, int high) {
        if (low >= high) throw new IllegalArgumentException("Distribution `randint` needs low < high. Received: low=" + low + ", high=" + high);
        return named("randint(" + low + ", " + high + ")", rng -> rng.nextInt(low, high));
    }

    /** One of {@code values}, each equally likely. */
    static Distribution choice(List<?> values) {
        if (values == null || values.isEmpty()) throw new IllegalArgumentException("Distribution `choice` needs a non-empty list of values. Received: " + values);
        List<?> copy = List.copyOf(values);
        return named("choice" + copy, rng -> copy.get(rng.nextInt(copy.size())));
    }

    private static Distribution named(String name, Distribution d) {
        return new Distribution() {
            @Override public Object sample(SplittableRandom rng) { return d.sample(rng); }

            @Override public String toString() { return name; }
        };
    }
}
