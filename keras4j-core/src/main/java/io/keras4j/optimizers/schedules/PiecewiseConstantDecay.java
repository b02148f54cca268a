package io.keras4j.optimizers.schedules;

import io.keras4j.optimizers.LearningRateSchedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code PiecewiseConstantDecay}: {@code values[0]} while step &lt;= boundaries[0],
 * {@code values[i]} while boundaries[i-1] &lt; step &lt;= boundaries[i], and the last value after
 * the last boundary. Boundaries are compared with the integer step, as Keras casts them to the
 * step's integer dtype (a fractional boundary is truncated).
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final double[] boundaries;
    private final double[] values;
    private String name = "PiecewiseConstant";

    public PiecewiseConstantDecay(double[] boundaries, double[] values) {
        if (boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("The length of boundaries should be 1 less than the length of values. Received: boundaries="
                    + list(boundaries) + " of length " + boundaries.length + ", and values=" + list(values) + " of length " + values.length + ".");
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    public PiecewiseConstantDecay name(String value) {
        name = value;
        return this;
    }

    public String name() { return name; }

    public double[] boundaries() { return boundaries.clone(); }

    public double[] values() { return values.clone(); }

    @Override public double at(long step) {
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= (long) boundaries[i]) return values[i];
        }
        return values[values.length - 1];
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("boundaries", list(boundaries));
        List<Object> v = new ArrayList<>();
        for (double x : values) v.add(x);
        c.put("values", v);
        c.put("name", name);
        return c;
    }

    private static List<Object> list(double[] xs) {
        List<Object> out = new ArrayList<>();
        for (double x : xs) out.add(Schedules.format(x));
        return out;
    }

    public static PiecewiseConstantDecay fromConfig(Map<String, ?> config) {
        Schedules.Reader r = new Schedules.Reader("PiecewiseConstantDecay", config);
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(r.numbers("boundaries"), r.numbers("values"));
        return r.done(s.name(r.name("PiecewiseConstant")));
    }

    @Override public String toString() {
        return "<PiecewiseConstantDecay boundaries=" + Arrays.toString(boundaries) + ", values=" + Arrays.toString(values) + ">";
    }
}
