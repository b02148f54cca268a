package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityTest {
    @Test void squareIdentity() {
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new Identity().generate(Shape.of(3, 3), DType.FLOAT64).toDoubleArray());
    }

    /** Keras's eye(n, m): ones on the main diagonal of a rectangle, scaled by gain. */
    @Test void rectangularWithGain() {
        assertArrayEquals(new float[] {0.5f, 0, 0, 0, 0, 0.5f, 0, 0}, new Identity(0.5).generate(Shape.of(2, 4)).toFloatArray());
        assertArrayEquals(new double[] {2, 0, 0, 2, 0, 0}, new Identity(2).generate(Shape.of(3, 2), DType.FLOAT64).toDoubleArray());
    }

    @Test void onlyMatrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Identity().generate(Shape.of(2, 2, 2)));
        assertEquals("Identity matrix initializer can only be used for 2D matrices. Received: shape=(2, 2, 2) of rank 3.", e.getMessage());
    }

    @Test void config() {
        assertEquals(Map.of("gain", 1.0), new Identity().getConfig());
        assertEquals("Identity", new Identity().className());
    }
}
