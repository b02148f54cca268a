package io.keras4j.layers.merging;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.List;

/** The elementwise maximum of its inputs (Keras's {@code Maximum}). */
public final class Maximum extends Merge {
    @Override protected Tensor merge(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        for (Tensor x : inputs.subList(1, inputs.size())) acc = Ops.maximum(acc, x);
        return acc;
    }
}
