package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code MaxPooling1D}: the maximum of each window; pool_size defaults to 2 on every axis, strides to pool_size. */
public final class MaxPooling1D extends BasePooling<MaxPooling1D> {
    public MaxPooling1D() { this(2); }

    /** poolSize: one integer for every axis, or 1. */
    public MaxPooling1D(int... poolSize) { super(true, 1, poolSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static MaxPooling1D fromConfig(Layers.Config c) {
        return new MaxPooling1D(poolSizeFrom(c, new int[] {2})).readConfig(c);
    }
}
