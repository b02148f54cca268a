package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code DepthwiseConv1D}: 1-D depthwise convolution, kernel (k..., in, depth_multiplier). */
public final class DepthwiseConv1D extends BaseDepthwiseConv<DepthwiseConv1D> {
    /** kernelSize: one integer for every axis, or 1; depth_multiplier is set with {@link #depthMultiplier}. */
    public DepthwiseConv1D(int... kernelSize) { super(1, kernelSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static DepthwiseConv1D fromConfig(Layers.Config c) {
        if (!c.has("kernel_size")) throw new IllegalArgumentException("DepthwiseConv1D.__init__() missing 1 required positional argument: 'kernel_size'");
        return new DepthwiseConv1D(ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
