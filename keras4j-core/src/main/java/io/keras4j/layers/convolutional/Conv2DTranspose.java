package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code Conv2DTranspose}: 2-D transposed convolution, kernel (k..., filters, in). */
public final class Conv2DTranspose extends BaseConvTranspose<Conv2DTranspose> {
    /** kernelSize: one integer for every axis, or 2. */
    public Conv2DTranspose(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static Conv2DTranspose fromConfig(Layers.Config c) {
        if (!c.has("filters")) throw new IllegalArgumentException("Conv2DTranspose.__init__() missing 1 required positional argument: 'filters'");
        if (!c.has("kernel_size")) throw new IllegalArgumentException("Conv2DTranspose.__init__() missing 1 required positional argument: 'kernel_size'");
        return new Conv2DTranspose(c.integer("filters", 0), ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
