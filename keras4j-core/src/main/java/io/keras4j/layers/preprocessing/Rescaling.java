package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Rescaling}: {@code cast(inputs) * scale + offset}, in training and at inference
 * (e.g. {@code scale=1/255} maps [0, 255] to [0, 1]). A per-channel scale or offset (one value per
 * entry of the last axis) broadcasts as NumPy does. Built from ops, so gradients pass through.
 */
public final class Rescaling extends Layer {
    private final double[] scale;
    private double[] offset = {0.0};
    private final boolean scalarScale;
    private boolean scalarOffset = true;

    public Rescaling(double scale) {
        this.scale = new double[] {scale};
        this.scalarScale = true;
    }

    public Rescaling(double scale, double offset) {
        this(scale);
        this.offset = new double[] {offset};
    }

    /** A per-channel scale (broadcast along the last axis). */
    public Rescaling(double[] scale) {
        this.scale = scale.clone();
        this.scalarScale = false;
    }

    public Rescaling offset(double value) {
        checkNotBuilt();
        offset = new double[] {value};
        scalarOffset = true;
        return this;
    }

    public Rescaling offset(double[] values) {
        checkNotBuilt();
        offset = values.clone();
        scalarOffset = false;
        return this;
    }

    public static Rescaling fromConfig(Layers.Config c) {
        Object s = c.raw("scale");
        if (s == null) throw new IllegalArgumentException("Rescaling.__init__() missing 1 required positional argument: 'scale'");
        Rescaling r = s instanceof Number n ? new Rescaling(n.doubleValue()) : new Rescaling(numbers("scale", s));
        Object o = c.raw("offset");
        if (o instanceof Number n) r.offset(n.doubleValue());
        else if (o != null) r.offset(numbers("offset", o));
        return r;
    }

    /** A list of numbers, or Keras's serialised NumPy array ({"class_name": "__numpy__", "config": {"value": [...]}}). */
    private static double[] numbers(String key, Object v) {
        if (v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> cfg) v = cfg.get("value");
        if (v instanceof Number n) return new double[] {n.doubleValue()};
        if (v instanceof List<?> l) {
            double[] d = new double[l.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(l.get(i) instanceof Number n)) throw new IllegalArgumentException("Rescaling: argument `" + key + "` must be a number or a list of numbers. Received: " + key + "=" + v);
                d[i] = n.doubleValue();
            }
            return d;
        }
        throw new IllegalArgumentException("Rescaling: argument `" + key + "` must be a number or a list of numbers. Received: " + key + "=" + v);
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor x = inputs.dtype() == dtype() ? inputs : Ops.cast(inputs, dtype());
        return Ops.add(Ops.multiply(x, constant(scale, scalarScale)), constant(offset, scalarOffset));
    }

    private Tensor constant(double[] v, boolean scalar) {
        Tensor t = Tensor.of(v, scalar ? new int[0] : new int[] {v.length});
        return Ops.cast(t, dtype());
    }

    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("scale", value(scale, scalarScale));
        c.put("offset", value(offset, scalarOffset));
        return c;
    }

    private static Object value(double[] v, boolean scalar) {
        if (scalar) return v[0];
        List<Double> l = new ArrayList<>();
        for (double d : v) l.add(d);
        return l;
    }
}
