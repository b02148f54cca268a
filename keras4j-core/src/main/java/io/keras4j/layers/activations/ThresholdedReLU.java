package io.keras4j.layers.activations;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras 2's {@code ThresholdedReLU}: x where x > theta, else 0 (theta defaults to 1). Keras 3
 * dropped the layer ({@code ReLU(threshold=theta)} differs only at x == theta); it is kept so that
 * Keras 2 models load.
 */
public final class ThresholdedReLU extends Layer {
    private double theta = 1.0;

    public ThresholdedReLU() {}

    public ThresholdedReLU theta(double value) {
        if (Double.isNaN(value)) throw new IllegalArgumentException("Theta of a Thresholded ReLU layer cannot be None, requires a float. Received " + value);
        if (value < 0) throw new IllegalArgumentException("The theta value of a Thresholded ReLU layer should be >=0, got " + value);
        this.theta = value;
        return this;
    }

    /** From a Keras 2 config: {@code theta}. */
    public static ThresholdedReLU fromConfig(Layers.Config c) { return new ThresholdedReLU().theta(c.number("theta", 1.0)); }

    @Override public Tensor call(Tensor inputs, boolean training) {
        return Ops.multiply(inputs, Ops.greater(inputs, theta));
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("theta", theta);
        return c;
    }
}
