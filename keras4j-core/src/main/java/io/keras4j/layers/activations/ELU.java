package io.keras4j.layers.activations;

import io.keras4j.activations.Activations;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Keras's {@code ELU} layer: x for x >= 0, {@code alpha * (exp(x) - 1)} below (alpha defaults to 1). */
public final class ELU extends Layer {
    private double alpha = 1.0;

    public ELU() {}

    public ELU alpha(double value) {
        this.alpha = value;
        return this;
    }

    /** From a Keras config: {@code alpha}. */
    public static ELU fromConfig(Layers.Config c) { return new ELU().alpha(c.number("alpha", 1.0)); }

    @Override public Tensor call(Tensor inputs, boolean training) { return Activations.elu(inputs, alpha); }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        // Keras 3's ELU leaves alpha out of its config, so a saved alpha != 1 comes back as 1; we keep it.
        c.put("alpha", alpha);
        return c;
    }
}
