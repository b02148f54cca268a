package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnesTest {
    @Test void allOnesInAnyDtype() {
        for (DType d : DType.numericValues()) {
            Tensor t = new Ones().generate(Shape.of(3, 1, 2), d);
            assertEquals(d, t.dtype());
            assertEquals(Shape.of(3, 1, 2), t.shape());
            assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, t.toDoubleArray());
        }
    }

    @Test void emptyConfig() {
        assertTrue(new Ones().getConfig().isEmpty());
        assertEquals("Ones", new Ones().className());
    }
}
