package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code MaxPooling3D}: the maximum of each window; pool_size defaults to 2 on every axis, strides to pool_size. */
public final class MaxPooling3D extends BasePooling<MaxPooling3D> {
    public MaxPooling3D() { this(2); }

    /** poolSize: one integer for every axis, or 3. */
    public MaxPooling3D(int... poolSize) { super(true, 3, poolSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static MaxPooling3D fromConfig(Layers.Config c) {
        return new MaxPooling3D(poolSizeFrom(c, new int[] {2})).readConfig(c);
    }
}
