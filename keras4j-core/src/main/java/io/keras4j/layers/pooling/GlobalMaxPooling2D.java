package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code GlobalMaxPooling2D}: the maximum over the 2 spatial axes. */
public final class GlobalMaxPooling2D extends BaseGlobalPooling<GlobalMaxPooling2D> {
    public GlobalMaxPooling2D() { super(true, 2); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static GlobalMaxPooling2D fromConfig(Layers.Config c) {
        return new GlobalMaxPooling2D().readConfig(c);
    }
}
