package io.keras4j.initializers;

import java.util.Map;

/**
 * He normal: truncated normal with {@code stddev = sqrt(2 / fan_in)},
 * as {@code keras.initializers.HeNormal}: {@link VarianceScaling} with scale 2.0, {@code "fan_in"}, {@code "truncated_normal"}.
 */
public final class HeNormal extends VarianceScaling {
    public HeNormal() { this(null); }

    public HeNormal(Long seed) { this(seed, null, null); }

    public HeNormal(Long seed, int[] inputAxes, int[] outputAxes) {
        super(2.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
    }

    @Override public Map<String, Object> getConfig() { return presetConfig(); }
}
