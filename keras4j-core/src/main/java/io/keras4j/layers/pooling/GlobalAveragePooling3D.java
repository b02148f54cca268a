package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code GlobalAveragePooling3D}: the mean over the 3 spatial axes. */
public final class GlobalAveragePooling3D extends BaseGlobalPooling<GlobalAveragePooling3D> {
    public GlobalAveragePooling3D() { super(false, 3); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static GlobalAveragePooling3D fromConfig(Layers.Config c) {
        return new GlobalAveragePooling3D().readConfig(c);
    }
}
