package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code GlobalMaxPooling1D}: the maximum over the 1 spatial axes. */
public final class GlobalMaxPooling1D extends BaseGlobalPooling<GlobalMaxPooling1D> {
    public GlobalMaxPooling1D() { super(true, 1); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static GlobalMaxPooling1D fromConfig(Layers.Config c) {
        return new GlobalMaxPooling1D().readConfig(c);
    }
}
