package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code Conv3DTranspose}: 3-D transposed convolution, kernel (k..., filters, in). */
public final class Conv3DTranspose extends BaseConvTranspose<Conv3DTranspose> {
    /** kernelSize: one integer for every axis, or 3. */
    public Conv3DTranspose(int filters, int... kernelSize) {
        super(3, filters, kernelSize);
    }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static Conv3DTranspose fromConfig(Layers.Config c) {
        if (!c.has("filters")) throw new IllegalArgumentException("Conv3DTranspose.__init__() missing 1 required positional argument: 'filters'");
        if (!c.has("kernel_size")) throw new IllegalArgumentException("Conv3DTranspose.__init__() missing 1 required positional argument: 'kernel_size'");
        return new Conv3DTranspose(c.integer("filters", 0), ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
