package io.keras4j.layers.reshaping;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RepeatVectorTest {
    @Test void repeatsEachSampleNTimes() {
        Tensor y = new RepeatVector(3).apply(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        assertEquals(Shape.of(2, 3, 2), y.shape());
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, y.toFloatArray());
        assertEquals(Shape.of(-1, 3, 32), new RepeatVector(3).computeOutputShape(Shape.of(-1, 32)));
    }

    @Test void gradientSumsTheCopies() {
        GradCheck.check(in -> new RepeatVector(4).<RepeatVector>dtype(DType.FLOAT64).apply(in.get(0)),
                Tensor.of(new double[] {0.5, -1, 2, 3, 0.25, -4}, 2, 3));
    }

    @Test void validationAndConfig() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RepeatVector(0));
        assertEquals("Argument `n` should be a positive integer. Received: n=0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RepeatVector(2).apply(Tensor.zeros(1, 2, 3)));
        assertEquals(7, Layers.fromConfig("RepeatVector", Map.of("n", 7)).getConfig().get("n"));
    }
}
