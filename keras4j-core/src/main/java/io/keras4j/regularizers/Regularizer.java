package io.keras4j.regularizers;

import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code keras.regularizers.Regularizer}: a function from a weight (or a layer's output)
 * to a scalar penalty that training adds to the loss. Layers take one per weight
 * ({@code kernel_regularizer}, ...) and one for their output ({@code activity_regularizer}).
 */
public abstract class Regularizer {

    /** The scalar penalty of {@code x}, in x's dtype; built from ops, so gradients reach x. */
    public abstract Tensor call(Tensor x);

    /** The constructor arguments under Keras's keys. */
    public abstract Map<String, Object> getConfig();

    /** The Keras class name ("L2", "L1L2", ...). */
    public String className() { return getClass().getSimpleName(); }

    /** Keras's serialised form: {@code {"module", "class_name", "config", "registered_name"}}. */
    public Map<String, Object> serialize() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.regularizers");
        m.put("class_name", className());
        m.put("config", getConfig());
        m.put("registered_name", null);
        return m;
    }

    /** Keras's {@code validate_float_arg}: a finite, non-negative factor. */
    static double validateFloatArg(double value, String name) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new IllegalArgumentException("Invalid value for argument " + name + ": expected a non-negative float."
                    + "Received: " + name + "=" + value);
        }
        return value;
    }

    @Override public String toString() { return "<" + className() + " " + getConfig() + ">"; }
}
