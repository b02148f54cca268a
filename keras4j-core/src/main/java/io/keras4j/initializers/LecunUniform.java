package io.keras4j.initializers;

import java.util.Map;

/**
 * LeCun uniform: uniform in [-limit, limit] with {@code limit = sqrt(3 / fan_in)},
 * as {@code keras.initializers.LecunUniform}: {@link VarianceScaling} with scale 1.0, {@code "fan_in"}, {@code "uniform"}.
 */
public final class LecunUniform extends VarianceScaling {
    public LecunUniform() { this(null); }

    public LecunUniform(Long seed) { this(seed, null, null); }

    public LecunUniform(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_in", "uniform", seed, inputAxes, outputAxes);
    }

    @Override public Map<String, Object> getConfig() { return presetConfig(); }
}
