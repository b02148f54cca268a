package io.keras4j.layers.activations;

import io.keras4j.activations.Activations;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code ReLU} layer: {@code max_value} where x >= max_value, x where threshold <= x <
 * max_value, {@code negative_slope * (x - threshold)} below the threshold.
 */
public final class ReLU extends Layer {
    private Double maxValue;
    private double negativeSlope = 0.0;
    private double threshold = 0.0;

    public ReLU() {}

    /** The saturation value; null (the default) for none. */
    public ReLU maxValue(Double value) {
        if (value != null && value < 0) throw new IllegalArgumentException("max_value of a ReLU layer cannot be a negative value. Received: max_value=" + value);
        this.maxValue = value;
        return this;
    }

    public ReLU negativeSlope(double value) {
        if (!(value >= 0)) throw new IllegalArgumentException("negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=" + value);
        this.negativeSlope = value;
        return this;
    }

    public ReLU threshold(double value) {
        if (!(value >= 0)) throw new IllegalArgumentException("threshold of a ReLU layer cannot be None or a negative value. Received: threshold=" + value);
        this.threshold = value;
        return this;
    }

    /** From a Keras config: {@code max_value}, {@code negative_slope}, {@code threshold}. */
    public static ReLU fromConfig(Layers.Config c) {
        ReLU l = new ReLU().negativeSlope(c.number("negative_slope", 0.0)).threshold(c.number("threshold", 0.0));
        if (c.raw("max_value") != null) l.maxValue(c.number("max_value", 0));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        return Activations.relu(inputs, negativeSlope, maxValue, threshold);
    }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("max_value", maxValue);
        c.put("negative_slope", negativeSlope);
        c.put("threshold", threshold);
        return c;
    }
}
