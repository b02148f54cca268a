package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code Conv2D}: 2-D convolution, kernel (k..., in / groups, filters). */
public final class Conv2D extends BaseConv<Conv2D> {
    /** kernelSize: one integer for every axis, or 2. */
    public Conv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static Conv2D fromConfig(Layers.Config c) {
        if (!c.has("filters")) throw new IllegalArgumentException("Conv2D.__init__() missing 1 required positional argument: 'filters'");
        if (!c.has("kernel_size")) throw new IllegalArgumentException("Conv2D.__init__() missing 1 required positional argument: 'kernel_size'");
        return new Conv2D(c.integer("filters", 0), ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
