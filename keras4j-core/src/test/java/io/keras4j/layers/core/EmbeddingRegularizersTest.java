package io.keras4j.layers.core;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.constraints.UnitNorm;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.optimizers.SGD;
import io.keras4j.regularizers.L2;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class EmbeddingRegularizersTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void penalisesTheTableAndKeepsItsConstraint() {
        Embedding e = new Embedding(4, 3).embeddingsInitializer("ones").embeddingsRegularizer(new L2(0.1)).embeddingsConstraint(new UnitNorm(1));
        Tensor ids = Tensor.ofInts(new int[] {0, 2, 2}, 3);
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            Tensor out = e.apply(ids);
            assertEquals(1, e.losses().size());
            assertEquals(0.1 * 12, e.losses().get(0).item(), 1e-6);
            grads = tape.gradientOfVariables(Ops.add(Ops.sum(out), e.losses().get(0)), List.of(e.embeddings()));
        }
        new SGD().learningRate(0.1).apply(grads, List.of(e.embeddings()));
        // After the step every row is rescaled to unit norm (axis 1) by the constraint.
        float[] t = e.embeddings().peek().toFloatArray();
        for (int r = 0; r < 4; r++) {
            double n = Math.sqrt(t[3 * r] * t[3 * r] + t[3 * r + 1] * t[3 * r + 1] + t[3 * r + 2] * t[3 * r + 2]);
            assertEquals(1.0, n, 1e-5, "row " + r);
        }
    }

    @Test void configRoundTripsAndKeras1SpellingIsRead() {
        Embedding e = new Embedding(5, 2).embeddingsRegularizer("l1").embeddingsConstraint("non_neg");
        Map<String, Object> c = e.getConfig();
        assertEquals(c, Layers.fromConfig("Embedding", c).getConfig());
        Embedding k1 = (Embedding) Layers.fromConfig("Embedding", Map.of("input_dim", 5, "output_dim", 2,
                "W_regularizer", Map.of("class_name", "L2", "config", Map.of("l2", 0.5))), 1);
        k1.ensureBuilt(Shape.of(-1, 3));
        assertEquals(1, k1.losses().size());
    }
}
