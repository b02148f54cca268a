package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code Conv1DTranspose}: 1-D transposed convolution, kernel (k..., filters, in). */
public final class Conv1DTranspose extends BaseConvTranspose<Conv1DTranspose> {
    /** kernelSize: one integer for every axis, or 1. */
    public Conv1DTranspose(int filters, int... kernelSize) {
        super(1, filters, kernelSize);
    }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static Conv1DTranspose fromConfig(Layers.Config c) {
        if (!c.has("filters")) throw new IllegalArgumentException("Conv1DTranspose.__init__() missing 1 required positional argument: 'filters'");
        if (!c.has("kernel_size")) throw new IllegalArgumentException("Conv1DTranspose.__init__() missing 1 required positional argument: 'kernel_size'");
        return new Conv1DTranspose(c.integer("filters", 0), ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
