package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code AveragePooling1D}: the mean of each window; pool_size defaults to 2 on every axis, strides to pool_size. */
public final class AveragePooling1D extends BasePooling<AveragePooling1D> {
    public AveragePooling1D() { this(2); }

    /** poolSize: one integer for every axis, or 1. */
    public AveragePooling1D(int... poolSize) { super(false, 1, poolSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static AveragePooling1D fromConfig(Layers.Config c) {
        return new AveragePooling1D(poolSizeFrom(c, new int[] {2})).readConfig(c);
    }
}
