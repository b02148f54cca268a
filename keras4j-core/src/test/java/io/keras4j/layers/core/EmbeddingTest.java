package io.keras4j.layers.core;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class EmbeddingTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private static final float[] TABLE = {0, 1, 10, 11, 20, 21}; // rows 0, 1, 2 of a (3, 2) table

    @Test void defaultsWeightAndConfig() {
        Embedding e = new Embedding(100, 8);
        e.ensureBuilt(Shape.of(-1, 5));
        assertEquals("embedding/embeddings", e.embeddings().name());
        assertEquals(Shape.of(100, 8), e.embeddings().shape());
        // "uniform" is RandomUniform(-0.05, 0.05).
        for (float v : e.embeddings().peek().toFloatArray()) assertTrue(v >= -0.05f && v <= 0.05f);
        Map<String, Object> c = e.getConfig();
        assertEquals(100, c.get("input_dim"));
        assertEquals(8, c.get("output_dim"));
        assertEquals("RandomUniform", ((Map<?, ?>) c.get("embeddings_initializer")).get("class_name"));
        assertEquals(-0.05, ((Map<?, ?>) ((Map<?, ?>) c.get("embeddings_initializer")).get("config")).get("minval"));
        assertEquals(false, c.get("mask_zero"));
        assertTrue(c.containsKey("embeddings_regularizer") && c.containsKey("embeddings_constraint"));
        assertFalse(c.containsKey("input_length"));
        assertEquals(c, Layers.fromConfig("Embedding", c).getConfig());
    }

    @Test void looksUpRowsForIntegerAndFloatIndices() {
        Embedding e = new Embedding(3, 2);
        e.ensureBuilt(Shape.of(-1, 3));
        e.setWeights(List.of(Tensor.of(TABLE, 3, 2)));
        Tensor y = e.apply(Tensor.ofInts(new int[] {2, 0, 1, 1, 1, 2}, 2, 3));
        assertEquals(Shape.of(2, 3, 2), y.shape());
        assertArrayEquals(new float[] {20, 21, 0, 1, 10, 11, 10, 11, 10, 11, 20, 21}, y.toFloatArray());
        assertArrayEquals(new float[] {10, 11, 0, 1}, e.apply(Tensor.of(new float[] {1, 0}, 1, 2)).toFloatArray());
        assertEquals(Shape.of(-1, 7, 2), e.computeOutputShape(Shape.of(-1, 7)));
    }

    @Test void gradientsSumIntoTheLookedUpRows() {
        Embedding e = new Embedding(3, 2).dtype(DType.FLOAT64);
        e.ensureBuilt(Shape.of(-1, 3));
        try (GradientTape tape = new GradientTape()) {
            Tensor y = e.apply(Tensor.ofInts(new int[] {0, 2, 0}, 1, 3));
            Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 3, 2);
            List<Tensor> g = tape.gradientOfVariables(Ops.sum(Ops.multiply(y, w)), e.trainableWeights());
            // Row 0 was used at positions 0 and 2: [1 + 5, 2 + 6]; row 1 never; row 2 at position 1.
            assertArrayEquals(new double[] {6, 8, 0, 0, 3, 4}, g.get(0).toDoubleArray(), 1e-12);
        }
    }

    @Test void fromConfigAcceptsKeras2KeysAndStoresMaskZero() {
        Embedding e = (Embedding) Layers.fromConfig("Embedding", Map.of("input_dim", 5, "output_dim", 3, "input_length", 7,
                "mask_zero", true, "embeddings_initializer", Map.of("class_name", "RandomUniform",
                        "config", Map.of("minval", -1.0, "maxval", 1.0))), 2);
        assertTrue(e.maskZero());
        assertEquals(5, e.inputDim());
        assertEquals(3, e.outputDim());
        Map<?, ?> init = (Map<?, ?>) e.getConfig().get("embeddings_initializer");
        assertEquals("RandomUniform", init.get("class_name"));
        assertEquals(1.0, ((Map<?, ?>) init.get("config")).get("maxval"));
    }

    @Test void errorsInKerasWords() {
        var a = assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 3));
        assertEquals("`input_dim` must be a positive integer. Received: input_dim=0 (of type int).", a.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> new Embedding(3, -1));
        assertEquals("`output_dim` must be a positive integer. Received: output_dim=-1 (of type int).", b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Embedding", Map.of("output_dim", 3)));
    }

    @Test void maskZeroMasksIndexZeroForTheNextLayers() {
        Tensor ids = Tensor.ofInts(new int[] {3, 0, 1, 0, 0, 2}, 2, 3);
        Embedding masked = new Embedding(4, 2).maskZero(true);
        assertTrue(masked.supportsMasking());
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 1}, masked.computeMask(ids, null).toDoubleArray());
        assertEquals(Shape.of(2, 3), masked.computeMask(ids, null).shape());
        Embedding plain = new Embedding(4, 2);
        assertFalse(plain.supportsMasking());
        assertNull(plain.computeMask(ids, null));
    }
}
