package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code GlobalAveragePooling2D}: the mean over the 2 spatial axes. */
public final class GlobalAveragePooling2D extends BaseGlobalPooling<GlobalAveragePooling2D> {
    public GlobalAveragePooling2D() { super(false, 2); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static GlobalAveragePooling2D fromConfig(Layers.Config c) {
        return new GlobalAveragePooling2D().readConfig(c);
    }
}
