package io.keras4j.layers.pooling;

import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

/**
 * Keras's {@code GlobalAveragePooling1D}: the mean over the steps axis. Given a (batch, steps)
 * mask it averages the unmasked steps only, {@code sum(x * mask) / sum(mask)}, as Keras does;
 * the output carries no mask.
 */
public final class GlobalAveragePooling1D extends BaseGlobalPooling<GlobalAveragePooling1D> {
    public GlobalAveragePooling1D() { super(false, 1); }

    /** From a Keras config (Keras 2 and 3 keys). */
    public static GlobalAveragePooling1D fromConfig(Layers.Config c) {
        return new GlobalAveragePooling1D().readConfig(c);
    }

    @Override public boolean supportsMasking() { return true; }

    @Override public Tensor computeMask(Tensor inputs, Tensor mask) { return null; }

    @Override protected Tensor callMasked(Tensor inputs, Tensor mask, boolean training) {
        if (mask == null) return call(inputs, training);
        boolean channelsLast = dataFormat.equals("channels_last");
        int stepsAxis = channelsLast ? 1 : 2;
        Tensor m = Ops.expandDims(Ops.notEqual(mask, Tensor.scalar(0, mask.dtype())), channelsLast ? 2 : 1);
        Tensor kept = Ops.where(m, inputs, 0.0);
        Tensor count = Ops.cast(m, inputs.dtype());
        return Ops.divide(Ops.sum(kept, new int[] {stepsAxis}, keepdims), Ops.sum(count, new int[] {stepsAxis}, keepdims));
    }
}
