package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code GlobalAveragePooling1D}: the mean over the 1 spatial axes. */
public final class GlobalAveragePooling1D extends BaseGlobalPooling<GlobalAveragePooling1D> {
    public GlobalAveragePooling1D() { super(false, 1); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static GlobalAveragePooling1D fromConfig(Layers.Config c) {
        return new GlobalAveragePooling1D().readConfig(c);
    }
}
