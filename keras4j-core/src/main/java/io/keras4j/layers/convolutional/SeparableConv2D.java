package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code SeparableConv2D}: depthwise then pointwise 2-D convolution. */
public final class SeparableConv2D extends BaseSeparableConv<SeparableConv2D> {
    /** kernelSize: one integer for every axis, or 2. */
    public SeparableConv2D(int filters, int... kernelSize) { super(2, filters, kernelSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static SeparableConv2D fromConfig(Layers.Config c) {
        if (!c.has("filters")) throw new IllegalArgumentException("SeparableConv2D.__init__() missing 1 required positional argument: 'filters'");
        if (!c.has("kernel_size")) throw new IllegalArgumentException("SeparableConv2D.__init__() missing 1 required positional argument: 'kernel_size'");
        return new SeparableConv2D(c.integer("filters", 0), ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
