package io.keras4j.layers.core;

import io.keras4j.layers.KerasTensor;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;

/** {@code keras.Input}: a symbolic input of the given per-sample shape. */
public final class Input {
    private Input() {}

    /** An input whose samples have this shape (without the batch dimension), float32. */
    public static KerasTensor of(int... shape) { return of(Shape.of(shape), DType.FLOAT32, null); }

    /** An input with a dtype and a name (null for automatic). */
    public static KerasTensor of(Shape shape, DType dtype, String name) {
        for (int d : shape.dims()) {
            if (d == 0 || d < Shape.UNKNOWN) throw new IllegalArgumentException("Invalid input shape " + shape + ": dimensions must be positive (or -1 for None)");
        }
        return new InputLayer(shape.prepend(Shape.UNKNOWN), dtype, name).output();
    }
}
