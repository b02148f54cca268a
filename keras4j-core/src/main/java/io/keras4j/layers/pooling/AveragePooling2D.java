package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code AveragePooling2D}: the mean of each window; pool_size defaults to 2 on every axis, strides to pool_size. */
public final class AveragePooling2D extends BasePooling<AveragePooling2D> {
    public AveragePooling2D() { this(2); }

    /** poolSize: one integer for every axis, or 2. */
    public AveragePooling2D(int... poolSize) { super(false, 2, poolSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static AveragePooling2D fromConfig(Layers.Config c) {
        return new AveragePooling2D(poolSizeFrom(c, new int[] {2})).readConfig(c);
    }
}
