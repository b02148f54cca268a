package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code AveragePooling3D}: the mean of each window; pool_size defaults to 2 on every axis, strides to pool_size. */
public final class AveragePooling3D extends BasePooling<AveragePooling3D> {
    public AveragePooling3D() { this(2); }

    /** poolSize: one integer for every axis, or 3. */
    public AveragePooling3D(int... poolSize) { super(false, 3, poolSize); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static AveragePooling3D fromConfig(Layers.Config c) {
        return new AveragePooling3D(poolSizeFrom(c, new int[] {2})).readConfig(c);
    }
}
