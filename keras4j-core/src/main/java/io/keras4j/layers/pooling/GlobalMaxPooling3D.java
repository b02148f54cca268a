package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;

/** Keras's {@code GlobalMaxPooling3D}: the maximum over the 3 spatial axes. */
public final class GlobalMaxPooling3D extends BaseGlobalPooling<GlobalMaxPooling3D> {
    public GlobalMaxPooling3D() { super(true, 3); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static GlobalMaxPooling3D fromConfig(Layers.Config c) {
        return new GlobalMaxPooling3D().readConfig(c);
    }
}
