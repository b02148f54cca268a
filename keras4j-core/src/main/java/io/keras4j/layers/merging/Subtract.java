package io.keras4j.layers.merging;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.List;

/** The first input minus the second (Keras's {@code Subtract}: exactly two inputs). */
public final class Subtract extends Merge {
    @Override void checkCount(int n) {
        if (n != 2) throw new IllegalArgumentException("A `Subtract` layer should be called on exactly 2 inputs. Received: " + n + " inputs");
    }

    @Override protected Tensor merge(List<Tensor> inputs) { return Ops.subtract(inputs.get(0), inputs.get(1)); }
}
