package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

/** All ones, as {@code keras.initializers.Ones}. */
public final class Ones implements Initializer {
    @Override public Tensor generate(Shape shape, DType dtype) { return Tensor.full(shape, 1, dtype); }

    @Override public String toString() { return "Ones{}"; }
}
