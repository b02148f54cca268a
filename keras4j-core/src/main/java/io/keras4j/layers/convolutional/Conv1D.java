package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

/** Keras's {@code Conv1D}: 1-D convolution, kernel (k..., in / groups, filters). */
public final class Conv1D extends BaseConv<Conv1D> {
    /** kernelSize: one integer for every axis, or 1. */
    public Conv1D(int filters, int... kernelSize) {
        super(1, filters, kernelSize);
    }

    /** Conv1D also takes "causal" padding: the input is padded on the left only. */
    @Override protected boolean allowsCausal() { return true; }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static Conv1D fromConfig(Layers.Config c) {
        if (!c.has("filters")) throw new IllegalArgumentException("Conv1D.__init__() missing 1 required positional argument: 'filters'");
        if (!c.has("kernel_size")) throw new IllegalArgumentException("Conv1D.__init__() missing 1 required positional argument: 'kernel_size'");
        return new Conv1D(c.integer("filters", 0), ConvConfigs.ints(c, "kernel_size")).readConfig(c);
    }
}
