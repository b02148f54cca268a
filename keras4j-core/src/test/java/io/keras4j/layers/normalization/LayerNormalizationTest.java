package io.keras4j.layers.normalization;

import io.keras4j.autodiff.GradCheck;
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

class LayerNormalizationTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void defaultsWeightsAndConfig() {
        LayerNormalization ln = new LayerNormalization();
        Map<String, Object> before = ln.getConfig();
        assertEquals(-1, before.get("axis"));
        assertEquals(1e-3, before.get("epsilon"));
        assertEquals(true, before.get("center"));
        assertEquals(true, before.get("scale"));
        assertEquals(false, before.get("rms_scaling"));
        assertEquals("Ones", ((Map<?, ?>) before.get("gamma_initializer")).get("class_name"));
        ln.ensureBuilt(Shape.of(-1, 5, 4));
        assertEquals(List.of("layer_normalization/gamma", "layer_normalization/beta"), ln.weights().stream().map(v -> v.name()).toList());
        assertEquals(Shape.of(4), ln.gamma().shape());
        // Keras keeps the canonical sorted list once built.
        assertEquals(List.of(2), ln.getConfig().get("axis"));
    }

    @Test void normalisesEachSampleOverTheLastAxis() {
        // [0, 4]: mean 2, variance 4; epsilon 5 → sqrt(9) = 3: [-2/3, 2/3]. [1, 1]: variance 0 → [0, 0].
        LayerNormalization ln = new LayerNormalization().epsilon(5);
        Tensor y = ln.apply(Tensor.of(new float[] {0, 4, 1, 1}, 2, 2));
        assertArrayEquals(new float[] {-2f / 3, 2f / 3, 0, 0}, y.toFloatArray(), 1e-6f);
        ln.setWeights(List.of(Tensor.of(new float[] {3, -1}, 2), Tensor.of(new float[] {1, 2}, 2)));
        assertArrayEquals(new float[] {-1, 2f / 3 * -1 + 2, 1, 2}, ln.apply(Tensor.of(new float[] {0, 4, 1, 1}, 2, 2)).toFloatArray(), 1e-6f);
    }

    @Test void severalAxesAgainstAPlainLoop() {
        float[] x = new float[2 * 3 * 2];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 1.3) * 3;
        LayerNormalization ln = new LayerNormalization().axis(1, 2);
        ln.ensureBuilt(Shape.of(-1, 3, 2));
        assertEquals(Shape.of(3, 2), ln.gamma().shape());
        float[] gamma = {1, 2, 3, 4, 5, 6}, beta = {-1, 0, 1, -2, 0, 2};
        ln.setWeights(List.of(Tensor.of(gamma, 3, 2), Tensor.of(beta, 3, 2)));
        Tensor y = ln.apply(Tensor.of(x, 2, 3, 2));
        float[] want = new float[x.length];
        for (int b = 0; b < 2; b++) {
            double m = 0, v = 0;
            for (int k = 0; k < 6; k++) m += x[b * 6 + k] / 6.0;
            for (int k = 0; k < 6; k++) v += Math.pow(x[b * 6 + k] - m, 2) / 6.0;
            for (int k = 0; k < 6; k++) want[b * 6 + k] = (float) ((x[b * 6 + k] - m) / Math.sqrt(v + 1e-3) * gamma[k] + beta[k]);
        }
        assertArrayEquals(want, y.toFloatArray(), 1e-5f);
    }

    @Test void aNonTrailingAxisBroadcastsTheWeights() {
        // (batch 1, 2, 2) normalised over axis 1: columns [1, 3] and [2, 6] → [-1, 1] each (epsilon ~0).
        LayerNormalization ln = new LayerNormalization().axis(1).epsilon(0);
        ln.ensureBuilt(Shape.of(-1, 2, 2));
        ln.setWeights(List.of(Tensor.of(new float[] {1, 10}, 2), Tensor.of(new float[] {0, 100}, 2)));
        Tensor y = ln.apply(Tensor.of(new float[] {1, 2, 3, 6}, 1, 2, 2));
        assertArrayEquals(new float[] {-1, -1, 110, 110}, y.toFloatArray(), 1e-5f);
    }

    @Test void rmsScalingDividesByTheStandardDeviationWithoutCentring() {
        // Keras 3's rms_scaling: x / sqrt(var + eps) * gamma, no beta. [0, 4]: var 4, eps 5 → [0, 4/3].
        LayerNormalization ln = new LayerNormalization().rmsScaling(true).epsilon(5);
        ln.ensureBuilt(Shape.of(-1, 2));
        assertEquals(List.of("layer_normalization/gamma"), ln.weights().stream().map(v -> v.name()).toList());
        assertArrayEquals(new float[] {0, 4f / 3}, ln.apply(Tensor.of(new float[] {0, 4}, 1, 2)).toFloatArray(), 1e-6f);
        assertEquals(true, ln.getConfig().get("rms_scaling"));
    }

    @Test void gradientsMatchFiniteDifferences() {
        LayerNormalization ln = new LayerNormalization().axis(1, 2).dtype(DType.FLOAT64);
        ln.ensureBuilt(Shape.of(-1, 2, 3));
        ln.setWeights(List.of(GradCheck.uniform(3, 0.5, 2, 2, 3), GradCheck.uniform(4, -1, 1, 2, 3)));
        GradCheck.check(in -> ln.apply(in.get(0)), GradCheck.uniform(5, -2, 2, 2, 2, 3));
        LayerNormalization rms = new LayerNormalization().rmsScaling(true).dtype(DType.FLOAT64);
        GradCheck.check(in -> rms.apply(in.get(0)), GradCheck.uniform(6, -2, 2, 3, 4));
        // d sum(y)/d beta = batch size; d sum(y)/d gamma = sum of xhat over the batch.
        try (GradientTape tape = new GradientTape()) {
            Tensor x = Tensor.of(new double[] {0, 4, 1, 3}, 2, 2);
            LayerNormalization plain = new LayerNormalization().epsilon(0).dtype(DType.FLOAT64);
            List<Tensor> g = tape.gradientOfVariables(Ops.sum(plain.apply(x)), plain.trainableWeights());
            assertArrayEquals(new double[] {-2, 2}, g.get(0).toDoubleArray(), 1e-9);
            assertArrayEquals(new double[] {2, 2}, g.get(1).toDoubleArray(), 1e-12);
        }
    }

    @Test void errorsAndFromConfig() {
        var dup = assertThrows(IllegalArgumentException.class, () -> new LayerNormalization().axis(1, -1).ensureBuilt(Shape.of(-1, 3)));
        assertEquals("Duplicate axes are not allowed. Received: axis=[1, -1]", dup.getMessage());
        var out = assertThrows(IllegalArgumentException.class, () -> new LayerNormalization().axis(3).ensureBuilt(Shape.of(-1, 3)));
        assertEquals("Axis 3 is out of bounds for input shape (None, 3). Received: axis=3", out.getMessage());
        LayerNormalization ln = (LayerNormalization) Layers.fromConfig("LayerNormalization",
                Map.of("axis", List.of(1, 2), "epsilon", 0.5, "center", false, "rms_scaling", false));
        assertEquals(List.of(1, 2), ln.getConfig().get("axis"));
        assertEquals(0.5, ln.getConfig().get("epsilon"));
        assertEquals(false, ln.getConfig().get("center"));
        assertEquals(-1, Layers.fromConfig("LayerNormalization", Map.of()).getConfig().get("axis"));
        Map<String, Object> c = ln.getConfig();
        assertEquals(c, Layers.fromConfig("LayerNormalization", c).getConfig());
    }
}
