package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the starting value of a weight, as {@code keras.initializers.Initializer}. A lambda
 * {@code (shape, dtype) -> ...} is an initializer too, like a Python callable in Keras.
 */
@FunctionalInterface
public interface Initializer {
    /** A new tensor of {@code shape} and {@code dtype} (Keras's {@code __call__}). */
    Tensor generate(Shape shape, DType dtype);

    /** {@link #generate(Shape, DType)} in Keras's default float type, float32. */
    default Tensor generate(Shape shape) { return generate(shape, DType.FLOAT32); }

    /** The constructor arguments under Keras's snake_case keys, in Keras's order; a fresh map. */
    default Map<String, Object> getConfig() { return new LinkedHashMap<>(); }

    /** The Keras class name this initializer is saved under ({@code "GlorotUniform"}, ...). */
    default String className() { return getClass().getSimpleName(); }
}
