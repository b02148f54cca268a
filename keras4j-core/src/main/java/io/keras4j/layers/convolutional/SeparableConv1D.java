package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code SeparableConv1D}: depthwise then pointwise 1-D convolution. */
public final class SeparableConv1D extends BaseSeparableConv<SeparableConv1D> {
    /** kernelSize: one integer for every axis, or 1. */
    public SeparableConv1D(int filters, int... kernelSize) { super(1, filters, kernelSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static SeparableConv1D fromConfig(Layers.Config c) {
        if (!c.has("filters")) throw new IllegalArgumentException("SeparableConv1D.__init__() missing 1 required positional argument: 'filters'");
        if (!c.has("kernel_size")) throw new IllegalArgumentException("SeparableConv1D.__init__() missing 1 required positional argument: 'kernel_size'");
        return new SeparableConv1D(c.integer("filters", 0), ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
