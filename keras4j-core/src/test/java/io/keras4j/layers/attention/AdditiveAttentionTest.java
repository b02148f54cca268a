package io.keras4j.layers.attention;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AdditiveAttentionTest {

    /** Plain-loop Bahdanau scores Σ_d scale_d tanh(q_d + k_d), softmax over Tv, weights · value. */
    static double[][][] reference(Tensor q, Tensor v, Tensor k, double[] scale, boolean causal) {
        int b = q.shape().dim(0), tq = q.shape().dim(1), tv = v.shape().dim(1), d = q.shape().dim(2), dv = v.shape().dim(2);
        double[][][] out = new double[b][tq][dv];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < tq; i++) {
                double[] s = new double[tv];
                double max = Double.NEGATIVE_INFINITY, z = 0;
                for (int j = 0; j < tv; j++) {
                    for (int c = 0; c < d; c++) s[j] += (scale == null ? 1 : scale[c]) * Math.tanh(q.getDouble((n * tq + i) * d + c) + k.getDouble((n * tv + j) * d + c));
                    if (causal && j > i) s[j] -= 1e9;
                    max = Math.max(max, s[j]);
                }
                for (double x : s) z += Math.exp(x - max);
                for (int j = 0; j < tv; j++) for (int c = 0; c < dv; c++) out[n][i][c] += Math.exp(s[j] - max) / z * v.getDouble((n * tv + j) * dv + c);
            }
        }
        return out;
    }

    @Test void scoresMatchTheReference() {
        Tensor q = GradCheck.uniform(1, -1, 1, 2, 3, 4), v = GradCheck.uniform(2, -1, 1, 2, 5, 6), k = GradCheck.uniform(3, -1, 1, 2, 5, 4);
        AdditiveAttention a = new AdditiveAttention().dtype(DType.FLOAT64);
        a.ensureBuiltAll(List.of(q.shape(), v.shape(), k.shape()));
        assertEquals(Shape.of(4), a.weights().get(0).shape()); // one scale per query feature
        double[] scale = {0.5, -1.2, 0.9, 2.0};
        a.setWeights(List.of(Tensor.of(scale, 4)));
        AttentionTest.assertClose(reference(q, v, k, scale, false), a.applyAll(List.of(q, v, k), false).get(0), 1e-12);
        AttentionTest.assertClose(reference(q, v, k, scale, true), a.callWithMask(q, v, k, null, null, true, false).get(0), 1e-12);

        AdditiveAttention unscaled = new AdditiveAttention().useScale(false).dtype(DType.FLOAT64);
        AttentionTest.assertClose(reference(q, v, k, null, false), unscaled.applyAll(List.of(q, v, k), false).get(0), 1e-12);
        assertTrue(unscaled.weights().isEmpty());
    }

    @Test void gradients() {
        Tensor q = GradCheck.uniform(4, -1, 1, 2, 3, 4), v = GradCheck.uniform(5, -1, 1, 2, 5, 4);
        AdditiveAttention a = new AdditiveAttention().dtype(DType.FLOAT64);
        GradCheck.check(in -> a.callWithMask(in.get(0), in.get(1), null, null, null, true, false).get(0), q, v);
    }

    @Test void configHasNoScoreModeAndRoundTrips() {
        Map<String, Object> c = new AdditiveAttention().getConfig();
        assertEquals(true, c.get("use_scale")); // Keras's default for AdditiveAttention
        assertFalse(c.containsKey("score_mode"));
        for (AdditiveAttention a : List.of(new AdditiveAttention(), (AdditiveAttention) new AdditiveAttention().useScale(false).dropout(0.3))) {
            Map<String, Object> config = a.getConfig();
            Layer back = Layers.fromConfig("AdditiveAttention", config);
            assertEquals(AdditiveAttention.class, back.getClass());
            assertEquals(config, back.getConfig());
        }
        assertThrows(IllegalArgumentException.class, () -> new AdditiveAttention().scoreMode("dot"));
    }
}
