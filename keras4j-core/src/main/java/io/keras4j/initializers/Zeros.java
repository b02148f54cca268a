package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

/** All zeros, as {@code keras.initializers.Zeros}. */
public final class Zeros implements Initializer {
    @Override public Tensor generate(Shape shape, DType dtype) { return Tensor.zeros(shape, dtype); }

    @Override public String toString() { return "Zeros{}"; }
}
