package io.keras4j.layers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;

/** A symbolic tensor: the shape (batch dimension first, -1 when unknown) and dtype of a value a layer will produce. */
public record KerasTensor(Shape shape, DType dtype, Layer source) {
    @Override public String toString() {
        return "<KerasTensor shape=" + shape + ", dtype=" + dtype + ", name=" + (source == null ? "?" : source.name()) + ">";
    }
}
