package io.keras4j.layers.attention;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.core.Input;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AttentionTest {

    /** Plain-loop Keras Attention: scores by mode, mask (1 keep) subtracting 1e9, softmax over Tv, weights · value. */
    static double[][][] reference(Tensor q, Tensor v, Tensor k, String mode, double scale, double concatWeight, boolean[][][] keep) {
        int b = q.shape().dim(0), tq = q.shape().dim(1), tv = v.shape().dim(1), d = q.shape().dim(2), dv = v.shape().dim(2);
        double[][][] out = new double[b][tq][dv];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < tq; i++) {
                double[] s = new double[tv];
                for (int j = 0; j < tv; j++) {
                    for (int c = 0; c < d; c++) {
                        double qc = q.getDouble((n * tq + i) * d + c), kc = k.getDouble((n * tv + j) * d + c);
                        s[j] += mode.equals("dot") ? qc * kc : Math.tanh(scale * (qc + kc));
                    }
                    s[j] *= mode.equals("dot") ? scale : concatWeight;
                    if (keep != null && !keep[n][i][j]) s[j] -= 1e9;
                }
                double max = Double.NEGATIVE_INFINITY, z = 0;
                for (double x : s) max = Math.max(max, x);
                for (double x : s) z += Math.exp(x - max);
                for (int j = 0; j < tv; j++) {
                    double p = Math.exp(s[j] - max) / z;
                    for (int c = 0; c < dv; c++) out[n][i][c] += p * v.getDouble((n * tv + j) * dv + c);
                }
            }
        }
        return out;
    }

    static void assertClose(double[][][] expected, Tensor actual, double tol) {
        int n = 0;
        for (double[][] a : expected) for (double[] r : a) for (double x : r) assertEquals(x, actual.getDouble(n++), tol, "element " + (n - 1));
        assertEquals(n, actual.size());
    }

    private static Attention f64(Attention a) { return a.dtype(DType.FLOAT64); }

    @Test void handWorkedDotProduct() {
        // q = [1, 0], keys [1, 0] and [0, 1]: scores [1, 0], weights [e/(1+e), 1/(1+e)].
        Tensor q = Tensor.of(new float[] {1, 0}, 1, 1, 2), v = Tensor.of(new float[] {1, 0, 0, 1}, 1, 2, 2);
        Tensor y = new Attention().applyAll(List.of(q, v), false).get(0);
        double p = Math.E / (1 + Math.E);
        assertArrayEquals(new float[] {(float) p, (float) (1 - p)}, y.toFloatArray(), 1e-6f);
    }

    @Test void dotScoresMatchTheReferenceWithAndWithoutScale() {
        Tensor q = GradCheck.uniform(1, -1, 1, 2, 3, 4), v = GradCheck.uniform(2, -1, 1, 2, 5, 4), k = GradCheck.uniform(3, -1, 1, 2, 5, 4);
        Attention plain = f64(new Attention());
        assertClose(reference(q, v, v, "dot", 1, 1, null), plain.applyAll(List.of(q, v), false).get(0), 1e-12);
        assertTrue(plain.weights().isEmpty());
        Attention scaled = f64(new Attention().useScale(true));
        scaled.ensureBuiltAll(List.of(q.shape(), v.shape(), k.shape()));
        assertEquals(1.0, scaled.weights().get(0).numpy().item(), 0.0); // "ones"
        scaled.setWeights(List.of(Tensor.scalar(1.7, DType.FLOAT64)));
        assertClose(reference(q, v, k, "dot", 1.7, 1, null), scaled.applyAll(List.of(q, v, k), false).get(0), 1e-12);
    }

    @Test void concatScoresMatchTheReference() {
        Tensor q = GradCheck.uniform(4, -1, 1, 2, 3, 4), v = GradCheck.uniform(5, -1, 1, 2, 5, 4);
        Attention a = f64(new Attention().scoreMode("concat").useScale(true));
        a.ensureBuiltAll(List.of(q.shape(), v.shape()));
        assertEquals(List.of("scale", "concat_score_weight"), a.weights().stream().map(w -> w.name().substring(w.name().indexOf('/') + 1)).toList());
        a.setWeights(List.of(Tensor.scalar(0.8, DType.FLOAT64), Tensor.scalar(1.3, DType.FLOAT64)));
        assertClose(reference(q, v, v, "concat", 0.8, 1.3, null), a.applyAll(List.of(q, v), false).get(0), 1e-12);
    }

    @Test void causalAndPaddingMasks() {
        Tensor x = GradCheck.uniform(6, -1, 1, 2, 4, 3);
        Attention a = f64(new Attention());
        boolean[][][] causal = new boolean[2][4][4];
        for (int n = 0; n < 2; n++) for (int i = 0; i < 4; i++) for (int j = 0; j <= i; j++) causal[n][i][j] = true;
        List<Tensor> r = a.callWithMask(x, x, null, null, null, true, false);
        assertClose(reference(x, x, x, "dot", 1, 1, causal), r.get(0), 1e-12);
        assertEquals(1.0, r.get(1).getDouble(0), 0.0);
        assertEquals(0.0, r.get(1).getDouble(1), 0.0);

        // value mask (B, Tv) and query mask (B, Tq): masked keys get no weight, masked queries output 0.
        Tensor vMask = Tensor.of(new float[] {1, 1, 0, 1, 1, 0, 0, 0}, 2, 4);
        Tensor qMask = Tensor.of(new float[] {1, 1, 1, 0, 1, 1, 1, 1}, 2, 4);
        boolean[][][] keep = new boolean[2][4][4];
        for (int n = 0; n < 2; n++) for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) keep[n][i][j] = vMask.getDouble(n * 4 + j) != 0;
        double[][][] ref = reference(x, x, x, "dot", 1, 1, keep);
        for (int c = 0; c < 3; c++) ref[0][3][c] = 0;
        assertClose(ref, a.callWithMask(x, x, null, qMask, vMask, false, false).get(0), 1e-12);

        // graph form: useCausalMask set on the layer
        Tensor y = f64(new Attention().useCausalMask(true)).applyAll(List.of(x, x), false).get(0);
        assertClose(reference(x, x, x, "dot", 1, 1, causal), y, 1e-12);
    }

    @Test void returnAttentionScoresAddsASecondOutput() {
        KerasTensor q = Input.of(3, 4), v = Input.of(5, 6), k = Input.of(5, 4);
        List<KerasTensor> out = new Attention().returnAttentionScores(true).applyAll(List.of(q, v, k));
        assertEquals(Shape.of(-1, 3, 6), out.get(0).shape());
        assertEquals(Shape.of(-1, 3, 5), out.get(1).shape());
        Tensor x = GradCheck.uniform(7, -1, 1, 1, 2, 2);
        List<Tensor> eager = f64(new Attention().returnAttentionScores(true)).applyAll(List.of(x, x), false);
        assertEquals(2, eager.size());
        assertEquals(1.0, eager.get(1).getDouble(0) + eager.get(1).getDouble(1), 1e-12);
    }

    @Test void dropoutOnlyInTraining() {
        Tensor x = GradCheck.uniform(8, -1, 1, 2, 8, 3);
        Attention a = f64(new Attention().dropout(0.5).seed(1L));
        assertClose(reference(x, x, x, "dot", 1, 1, null), a.applyAll(List.of(x, x), false).get(0), 1e-12);
        Tensor t = a.applyAll(List.of(x, x), true).get(0);
        Tensor i = a.applyAll(List.of(x, x), false).get(0);
        double diff = 0;
        for (int n = 0; n < t.size(); n++) diff = Math.max(diff, Math.abs(t.getDouble(n) - i.getDouble(n)));
        assertTrue(diff > 1e-3);
    }

    @Test void gradients() {
        Tensor q = GradCheck.uniform(9, -1, 1, 2, 3, 4), v = GradCheck.uniform(10, -1, 1, 2, 5, 4), k = GradCheck.uniform(11, -1, 1, 2, 5, 4);
        Attention dot = f64(new Attention().useScale(true));
        Tensor vMask = Tensor.of(new float[] {1, 1, 1, 0, 1, 1, 0, 1, 1, 1}, 2, 5);
        GradCheck.check(in -> dot.callWithMask(in.get(0), in.get(1), in.get(2), null, vMask, false, false).get(0), q, v, k);
        Attention concat = f64(new Attention().scoreMode("concat"));
        GradCheck.check(in -> concat.callWithMask(in.get(0), in.get(1), in.get(2), null, null, true, false).get(0), q, v, k);
    }

    @Test void configAndErrors() {
        Map<String, Object> c = new Attention().getConfig();
        assertEquals(false, c.get("use_scale"));
        assertEquals("dot", c.get("score_mode"));
        assertEquals(0.0, c.get("dropout"));
        assertTrue(c.containsKey("seed"));
        for (Attention a : List.of(new Attention(), new Attention().useScale(true).scoreMode("concat").dropout(0.2).seed(5L))) {
            Map<String, Object> config = a.getConfig();
            Layer back = Layers.fromConfig("Attention", config);
            assertEquals(Attention.class, back.getClass());
            assertEquals(config, back.getConfig());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new Attention().scoreMode("sum"));
        assertTrue(e.getMessage().contains("score_mode=sum"), e.getMessage());
        Tensor x = Tensor.zeros(1, 2, 2);
        e = assertThrows(IllegalArgumentException.class, () -> new Attention().applyAll(List.of(x), false));
        assertTrue(e.getMessage().contains("Received length: 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Attention().applyAll(List.of(x, x, x, x), false));
        assertTrue(e.getMessage().contains("Received length: 4"), e.getMessage());
        Tensor wide = Tensor.zeros(1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> new Attention().applyAll(List.of(x, wide), false)); // q·kᵀ needs equal dims
    }
}
