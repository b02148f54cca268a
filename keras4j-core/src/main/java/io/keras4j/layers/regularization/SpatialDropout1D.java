package io.keras4j.layers.regularization;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

/** Drops whole channels of {@code (batch, steps, channels)} inputs in training (Keras's {@code SpatialDropout1D}). */
public final class SpatialDropout1D extends BaseSpatialDropout {
    public SpatialDropout1D(double rate) {
        super(rate);
        inputSpec = InputSpec.ndim(3);
    }

    /** From a Keras config: {@code rate}, {@code seed}; Keras 2's {@code noise_shape} only as None. */
    public static SpatialDropout1D fromConfig(Layers.Config c) {
        if (!c.has("rate")) throw new IllegalArgumentException("SpatialDropout1D.__init__() missing 1 required positional argument: 'rate'");
        SpatialDropout1D l = new SpatialDropout1D(c.number("rate", 0));
        c.requireNull("noise_shape");
        if (c.raw("seed") != null) l.seed(c.integer("seed", 0));
        return l;
    }

    @Override Shape noiseShape(Shape s) { return Shape.of(s.dim(0), 1, s.dim(2)); }
}
