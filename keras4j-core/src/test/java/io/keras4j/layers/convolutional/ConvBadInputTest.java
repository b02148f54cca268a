package io.keras4j.layers.convolutional;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ConvBadInputTest {
    @Test void aValidKernelLargerThanTheInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 5).apply(Tensor.zeros(1, 3, 3, 1)));
        assertTrue(e.getMessage().contains("Computed output size would be negative") && e.getMessage().contains("only 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DepthwiseConv2D(5).apply(Tensor.zeros(1, 3, 3, 1)));
        // the same kernel with "same" padding is fine
        assertEquals(io.keras4j.tensor.Shape.of(1, 3, 3, 4), new Conv2D(4, 5).padding("same").apply(Tensor.zeros(1, 3, 3, 1)).shape());
        // a kernel exactly as large as the input gives one cell
        assertEquals(io.keras4j.tensor.Shape.of(1, 1, 1, 4), new Conv2D(4, 3).apply(Tensor.zeros(1, 3, 3, 1)).shape());
    }
}
