package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code MaxPooling2D}: the maximum of each window; pool_size defaults to 2 on every axis, strides to pool_size. */
public final class MaxPooling2D extends BasePooling<MaxPooling2D> {
    public MaxPooling2D() { this(2); }

    /** poolSize: one integer for every axis, or 2. */
    public MaxPooling2D(int... poolSize) { super(true, 2, poolSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static MaxPooling2D fromConfig(Layers.Config c) {
        return new MaxPooling2D(poolSizeFrom(c, new int[] {2})).readConfig(c);
    }
}
