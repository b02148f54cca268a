package io.keras4j.layers.core;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Masking}: marks as padding every time step whose features all equal
 * {@code mask_value} (default 0.0). The step's mask is {@code any(x != mask_value, axis=-1)},
 * handed to the layers after it (an LSTM then skips those steps), and the output is the input
 * with the masked steps set to zero.
 * <pre>{@code
 * Tensor y = new Sequential(new Masking(), new LSTM(8)).apply(padded); // padded: (batch, steps, features)
 * }</pre>
 */
public final class Masking extends Layer {
    private final double maskValue;

    public Masking() { this(0.0); }

    public Masking(double maskValue) { this.maskValue = maskValue; }

    /**
     * Keras's {@code from_config}: {@code mask_value}, a number or, as Keras 3.8 writes it, a
     * serialized tensor {@code {"class_name": "__tensor__", "config": {"value": [0.0], ...}}}.
     */
    public static Masking fromConfig(Layers.Config c) {
        Object v = c.raw("mask_value");
        if (v == null) return new Masking();
        if (v instanceof Number n) return new Masking(n.doubleValue());
        if (v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> tensor) {
            Object value = tensor.get("value");
            while (value instanceof List<?> l && l.size() == 1) value = l.get(0);
            if (value instanceof Number n) return new Masking(n.doubleValue());
        }
        throw new UnsupportedOperationException("Masking: only a single `mask_value` is supported yet. Received: mask_value=" + v);
    }

    public double maskValue() { return maskValue; }

    @Override public boolean supportsMasking() { return true; }

    /** 1 where some feature of the step differs from mask_value, else 0: shape (batch, steps). */
    @Override public Tensor computeMask(Tensor inputs, Tensor mask) { return stepKept(inputs, false); }

    @Override public Tensor call(Tensor inputs, boolean training) {
        return Ops.where(stepKept(inputs, true), inputs, 0.0);
    }

    private Tensor stepKept(Tensor inputs, boolean keepDims) {
        Tensor differs = Ops.notEqual(inputs, Tensor.scalar(maskValue, inputs.dtype()));
        // any() over the features: the max of 1/0 values.
        return Ops.stopGradient(Ops.max(differs, -1, keepDims));
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("mask_value", maskValue);
        return c;
    }
}
