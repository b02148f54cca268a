package io.keras4j.initializers;

import java.util.Map;

/**
 * He uniform: uniform in [-limit, limit] with {@code limit = sqrt(6 / fan_in)},
 * as {@code keras.initializers.HeUniform}: {@link VarianceScaling} with scale 2.0, {@code "fan_in"}, {@code "uniform"}.
 */
public final class HeUniform extends VarianceScaling {
    public HeUniform() { this(null); }

    public HeUniform(Long seed) { this(seed, null, null); }

    public HeUniform(Long seed, int[] inputAxes, int[] outputAxes) {
        super(2.0, "fan_in", "uniform", seed, inputAxes, outputAxes);
    }

    @Override public Map<String, Object> getConfig() { return presetConfig(); }
}
