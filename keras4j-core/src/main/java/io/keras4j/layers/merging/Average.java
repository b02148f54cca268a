package io.keras4j.layers.merging;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.List;

/** The elementwise mean of its inputs (Keras's {@code Average}). */
public final class Average extends Merge {
    @Override protected Tensor merge(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        for (Tensor x : inputs.subList(1, inputs.size())) acc = Ops.add(acc, x);
        return Ops.divide(acc, inputs.size());
    }
}
