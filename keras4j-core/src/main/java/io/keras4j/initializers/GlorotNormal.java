package io.keras4j.initializers;

import java.util.Map;

/**
 * Glorot normal (Xavier normal): truncated normal with {@code stddev = sqrt(2 / (fan_in + fan_out))},
 * as {@code keras.initializers.GlorotNormal}: {@link VarianceScaling} with scale 1.0, {@code "fan_avg"}, {@code "truncated_normal"}.
 */
public final class GlorotNormal extends VarianceScaling {
    public GlorotNormal() { this(null); }

    public GlorotNormal(Long seed) { this(seed, null, null); }

    public GlorotNormal(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_avg", "truncated_normal", seed, inputAxes, outputAxes);
    }

    @Override public Map<String, Object> getConfig() { return presetConfig(); }
}
