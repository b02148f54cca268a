package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code DepthwiseConv2D}: 2-D depthwise convolution, kernel (k..., in, depth_multiplier). */
public final class DepthwiseConv2D extends BaseDepthwiseConv<DepthwiseConv2D> {
    /** kernelSize: one integer for every axis, or 2; depth_multiplier is set with {@link #depthMultiplier}. */
    public DepthwiseConv2D(int... kernelSize) { super(2, kernelSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static DepthwiseConv2D fromConfig(Layers.Config c) {
        if (!c.has("kernel_size")) throw new IllegalArgumentException("DepthwiseConv2D.__init__() missing 1 required positional argument: 'kernel_size'");
        return new DepthwiseConv2D(ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
