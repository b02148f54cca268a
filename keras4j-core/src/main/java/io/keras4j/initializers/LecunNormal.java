package io.keras4j.initializers;

import java.util.Map;

/**
 * LeCun normal: truncated normal with {@code stddev = sqrt(1 / fan_in)},
 * as {@code keras.initializers.LecunNormal}: {@link VarianceScaling} with scale 1.0, {@code "fan_in"}, {@code "truncated_normal"}.
 */
public final class LecunNormal extends VarianceScaling {
    public LecunNormal() { this(null); }

    public LecunNormal(Long seed) { this(seed, null, null); }

    public LecunNormal(Long seed, int[] inputAxes, int[] outputAxes) {
        super(1.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
    }

    @Override public Map<String, Object> getConfig() { return presetConfig(); }
}
