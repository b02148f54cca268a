package io.keras4j.layers.activations;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.layers.Layer;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Applies an activation function to its input (Keras's {@code Activation} layer). */
public final class Activation extends Layer {
    private final ActivationFunction activation;

    public Activation(String activation) { this(Activations.get(activation)); }

    public Activation(ActivationFunction activation) {
        if (activation == null) throw new IllegalArgumentException("Argument `activation` must not be None");
        this.activation = activation;
    }

    public ActivationFunction activation() { return activation; }

    @Override public Tensor call(Tensor inputs, boolean training) { return activation.apply(inputs); }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("activation", activation.name());
        return c;
    }
}
