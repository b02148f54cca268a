package io.keras4j.initializers;

import java.util.Map;

/**
 * Glorot uniform (Xavier uniform): uniform in [-limit, limit] with {@code limit = sqrt(6 / (fan_in + fan_out))},
 * as {@code keras.initializers.GlorotUniform}: {@link VarianceScaling} with scale 1.0, {@code "fan_avg"}, {@code "uniform"}.
 */
public final class GlorotUniform extends VarianceScaling {
    public GlorotUniform() { this(null); }

    public GlorotUniform(Long seed) { this(seed, null, null); }

    public GlorotUniform(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_avg", "uniform", seed, inputAxes, outputAxes);
    }

    @Override public Map<String, Object> getConfig() { return presetConfig(); }
}
