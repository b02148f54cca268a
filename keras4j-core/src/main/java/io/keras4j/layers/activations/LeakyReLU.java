package io.keras4j.layers.activations;

import io.keras4j.activations.Activations;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code LeakyReLU}: x for x >= 0, {@code negative_slope * x} below. The default slope is
 * 0.3 (the layer's, unlike the 0.2 of the {@code leaky_relu} function); Keras 2 called it {@code alpha}.
 */
public final class LeakyReLU extends Layer {
    private double negativeSlope = 0.3;

    public LeakyReLU() {}

    public LeakyReLU negativeSlope(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=" + value);
        }
        this.negativeSlope = value;
        return this;
    }

    public double negativeSlope() { return negativeSlope; }

    /** From a Keras config: {@code negative_slope}, or Keras 2's {@code alpha}. */
    public static LeakyReLU fromConfig(Layers.Config c) {
        String key = c.firstPresent("negative_slope", "alpha");
        return new LeakyReLU().negativeSlope(key == null ? 0.3 : c.number(key, 0.3));
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return Activations.leakyRelu(inputs, negativeSlope); }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("negative_slope", negativeSlope);
        return c;
    }
}
