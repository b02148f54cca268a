package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code Conv3D}: 3-D convolution, kernel (k..., in / groups, filters). */
public final class Conv3D extends BaseConv<Conv3D> {
    /** kernelSize: one integer for every axis, or 3. */
    public Conv3D(int filters, int... kernelSize) {
        super(3, filters, kernelSize);
    }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static Conv3D fromConfig(Layers.Config c) {
        if (!c.has("filters")) throw new IllegalArgumentException("Conv3D.__init__() missing 1 required positional argument: 'filters'");
        if (!c.has("kernel_size")) throw new IllegalArgumentException("Conv3D.__init__() missing 1 required positional argument: 'kernel_size'");
        return new Conv3D(c.integer("filters", 0), ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
