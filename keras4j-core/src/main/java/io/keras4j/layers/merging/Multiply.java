package io.keras4j.layers.merging;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.List;

/** Multiplies its inputs elementwise (Keras's {@code Multiply}). */
public final class Multiply extends Merge {
    @Override protected Tensor merge(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        for (Tensor x : inputs.subList(1, inputs.size())) acc = Ops.multiply(acc, x);
        return acc;
    }
}
