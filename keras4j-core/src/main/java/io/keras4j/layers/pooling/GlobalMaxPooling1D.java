package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Tensor;

/**
 * Keras's {@code GlobalMaxPooling1D}: the maximum over the steps axis. As in Keras 3 a mask is
 * accepted and ignored (masked steps take part in the max), and the output carries no mask.
 */
public final class GlobalMaxPooling1D extends BaseGlobalPooling<GlobalMaxPooling1D> {
    public GlobalMaxPooling1D() { super(true, 1); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static GlobalMaxPooling1D fromConfig(Layers.Config c) {
        return new GlobalMaxPooling1D().readConfig(c);
    }

    @Override public boolean supportsMasking() { return true; }

    @Override public Tensor computeMask(Tensor inputs, Tensor mask) { return null; }
}
