package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConstantTest {
    @Test void fillsWithTheValue() {
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5}, new Constant(2.5).generate(Shape.of(2, 2), DType.FLOAT64).toDoubleArray());
        assertArrayEquals(new float[] {-0.1f, -0.1f, -0.1f}, new Constant(-0.1).generate(Shape.of(3)).toFloatArray());
        // Keras casts the value to the dtype: 3.7 becomes 3 in int32.
        assertArrayEquals(new int[] {3, 3}, new Constant(3.7).generate(Shape.of(2), DType.INT32).toIntArray());
    }

    @Test void defaultIsZero() {
        assertEquals(0.0, new Constant().value());
        assertArrayEquals(new double[3], new Constant().generate(Shape.of(3), DType.FLOAT64).toDoubleArray());
    }

    @Test void config() { assertEquals(Map.of("value", 0.5), new Constant(0.5).getConfig()); }
}
