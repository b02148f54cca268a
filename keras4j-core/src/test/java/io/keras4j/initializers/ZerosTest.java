package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZerosTest {
    @Test void allZerosInAnyDtype() {
        for (DType d : DType.numericValues()) {
            Tensor t = new Zeros().generate(Shape.of(2, 3), d);
            assertEquals(d, t.dtype());
            assertArrayEquals(new double[6], t.toDoubleArray());
        }
        assertEquals(DType.FLOAT32, new Zeros().generate(Shape.of(4)).dtype());
    }

    @Test void emptyConfig() {
        assertTrue(new Zeros().getConfig().isEmpty());
        assertEquals("Zeros", new Zeros().className());
    }
}
