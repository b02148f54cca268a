package io.keras4j.layers.attention;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.KerasTensor;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MultiHeadAttentionTest {

    /** Small random float64 weights for every variable of the layer (biases non-zero, so they are tested too). */
    private static List<Tensor> randomWeights(Layer layer, long seed) {
        List<Tensor> ws = new ArrayList<>();
        long s = seed;
        for (Variable v : layer.weights()) ws.add(GradCheck.uniform(s++, -0.6, 0.6, v.shape().dims()));
        return ws;
    }

    private static MultiHeadAttention built(MultiHeadAttention mha, Shape q, Shape v, Shape k, long seed) {
        mha.dtype(DType.FLOAT64);
        mha.ensureBuiltAll(k == null ? List.of(q, v) : List.of(q, v, k));
        mha.setWeights(randomWeights(mha, seed));
        return mha;
    }

    /**
     * The plain-loop reference: inputs (B, P, F) where P enumerates positions (flattened dims);
     * {@code allowed[b][i][j]} says whether query position i may attend to key position j (the
     * attention mask, the causal mask and "same coordinates on the non-attention axes" together).
     * Returns {output (B, P, O), weights (B, N, P, S)}.
     */
    static double[][][][] reference(double[][][] q, double[][][] v, double[][][] k, List<Tensor> w, int heads, int keyDim, int valueDim,
                                    boolean useBias, boolean[][][] allowed) {
        int wi = 0;
        Tensor wq = w.get(wi++), bq = useBias ? w.get(wi++) : null;
        Tensor wk = w.get(wi++), bk = useBias ? w.get(wi++) : null;
        Tensor wv = w.get(wi++), bv = useBias ? w.get(wi++) : null;
        Tensor wo = w.get(wi++), bo = useBias ? w.get(wi++) : null;
        int outDim = wo.shape().dim(2);
        int batch = q.length, tq = q[0].length, ts = v[0].length;
        double[][][] out = new double[batch][tq][outDim];
        double[][][] weights = new double[batch * heads][tq][ts];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                double[][] qh = proj(q[b], wq, bq, h, keyDim), kh = proj(k[b], wk, bk, h, keyDim), vh = proj(v[b], wv, bv, h, valueDim);
                for (int i = 0; i < tq; i++) {
                    double[] sc = new double[ts];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < ts; j++) {
                        if (!allowed[b][i][j]) continue;
                        for (int c = 0; c < keyDim; c++) sc[j] += qh[i][c] * kh[j][c];
                        sc[j] /= Math.sqrt(keyDim);
                        max = Math.max(max, sc[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < ts; j++) if (allowed[b][i][j]) z += Math.exp(sc[j] - max);
                    double[] p = new double[ts];
                    for (int j = 0; j < ts; j++) p[j] = allowed[b][i][j] ? Math.exp(sc[j] - max) / z : 0;
                    weights[b * heads + h][i] = p;
                    for (int c = 0; c < valueDim; c++) {
                        double o = 0;
                        for (int j = 0; j < ts; j++) o += p[j] * vh[j][c];
                        for (int e = 0; e < outDim; e++) out[b][i][e] += o * wo.getDouble((h * valueDim + c) * outDim + e);
                    }
                }
            }
            if (bo != null) for (int i = 0; i < tq; i++) for (int e = 0; e < outDim; e++) out[b][i][e] += bo.getDouble(e);
        }
        return new double[][][][] {out, weights};
    }

    /** x (P, F) · kernel (F, N, C)[:, h, :] + bias[h, :]. */
    private static double[][] proj(double[][] x, Tensor kernel, Tensor bias, int h, int c) {
        int f = kernel.shape().dim(0), n = kernel.shape().dim(1);
        double[][] y = new double[x.length][c];
        for (int p = 0; p < x.length; p++) {
            for (int j = 0; j < c; j++) {
                double s = bias == null ? 0 : bias.getDouble(h * c + j);
                for (int i = 0; i < f; i++) s += x[p][i] * kernel.getDouble((i * n + h) * c + j);
                y[p][j] = s;
            }
        }
        return y;
    }

    private static double[][][] rows(Tensor t) {
        int b = t.shape().dim(0), f = t.shape().dim(-1), p = t.size() / b / f;
        double[][][] r = new double[b][p][f];
        for (int i = 0; i < b; i++) for (int j = 0; j < p; j++) for (int k = 0; k < f; k++) r[i][j][k] = t.getDouble((i * p + j) * f + k);
        return r;
    }

    private static boolean[][][] all(int b, int t, int s) {
        boolean[][][] a = new boolean[b][t][s];
        for (boolean[][] x : a) for (boolean[] y : x) java.util.Arrays.fill(y, true);
        return a;
    }

    private static void assertClose(double[][][] expected, Tensor actual, double tol) {
        int n = 0;
        for (double[][] a : expected) for (double[] r : a) for (double x : r) assertEquals(x, actual.getDouble(n++), tol, "element " + (n - 1));
        assertEquals(n, actual.size());
    }

    // ------------------------------------------------------------------ values

    @Test void selfAttentionMatchesThePerHeadReference() {
        Tensor x = GradCheck.uniform(1, -1, 1, 2, 4, 5);
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 3), x.shape(), x.shape(), null, 10);
        List<Tensor> r = mha.callWithMask(x, x, null, null, false, false);
        double[][][][] ref = reference(rows(x), rows(x), rows(x), mha.getWeights(), 2, 3, 3, true, all(2, 4, 4));
        assertEquals(Shape.of(2, 4, 5), r.get(0).shape());
        assertEquals(Shape.of(2, 2, 4, 4), r.get(1).shape());
        assertClose(ref[0], r.get(0), 1e-12);
        assertClose(ref[1], r.get(1), 1e-12);
    }

    @Test void crossAttentionWithSeparateKeyValueDimAndOutputShape() {
        Tensor q = GradCheck.uniform(2, -1, 1, 2, 3, 4), v = GradCheck.uniform(3, -1, 1, 2, 5, 6), k = GradCheck.uniform(4, -1, 1, 2, 5, 7);
        MultiHeadAttention mha = built(new MultiHeadAttention(3, 2).valueDim(4).outputShape(8), q.shape(), v.shape(), k.shape(), 20);
        assertEquals(Shape.of(7, 3, 2), mha.weights().get(2).shape());
        assertEquals(Shape.of(6, 3, 4), mha.weights().get(4).shape());
        assertEquals(Shape.of(3, 4, 8), mha.weights().get(6).shape());
        List<Tensor> r = mha.callWithMask(q, v, k, null, false, false);
        double[][][][] ref = reference(rows(q), rows(v), rows(k), mha.getWeights(), 3, 2, 4, true, all(2, 3, 5));
        assertEquals(Shape.of(2, 3, 8), r.get(0).shape());
        assertClose(ref[0], r.get(0), 1e-12);
        assertClose(ref[1], r.get(1), 1e-12);
    }

    @Test void withoutBiasThereAreFourKernels() {
        Tensor x = GradCheck.uniform(5, -1, 1, 1, 3, 4);
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 2).useBias(false), x.shape(), x.shape(), null, 30);
        assertEquals(4, mha.weights().size());
        Tensor out = mha.callWithMask(x, x, null, null, false, false).get(0);
        assertClose(reference(rows(x), rows(x), rows(x), mha.getWeights(), 2, 2, 2, false, all(1, 3, 3))[0], out, 1e-12);
    }

    @Test void paddingMaskExcludesKeysAndZeroesTheirWeights() {
        Tensor q = GradCheck.uniform(6, -1, 1, 2, 3, 4), v = GradCheck.uniform(7, -1, 1, 2, 4, 4);
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 3), q.shape(), v.shape(), null, 40);
        // batch 0 sees the first 2 keys, batch 1 the first 3: a padding mask (B, 1, S) broadcast over the queries.
        float[] m = {1, 1, 0, 0, 1, 1, 1, 0};
        Tensor mask = Tensor.of(m, 2, 1, 4);
        boolean[][][] allowed = new boolean[2][3][4];
        for (int b = 0; b < 2; b++) for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) allowed[b][i][j] = m[b * 4 + j] == 1;
        List<Tensor> r = mha.callWithMask(q, v, null, mask, false, false);
        double[][][][] ref = reference(rows(q), rows(v), rows(v), mha.getWeights(), 2, 3, 3, true, allowed);
        assertClose(ref[0], r.get(0), 1e-12);
        assertClose(ref[1], r.get(1), 1e-12);
        assertEquals(0.0, r.get(1).getDouble(2), 0.0); // batch 0, head 0, query 0, key 2
    }

    @Test void causalMaskLetsEachPositionSeeOnlyItsPast() {
        Tensor x = GradCheck.uniform(8, -1, 1, 2, 4, 3);
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 2), x.shape(), x.shape(), null, 50);
        boolean[][][] allowed = new boolean[2][4][4];
        for (int b = 0; b < 2; b++) for (int i = 0; i < 4; i++) for (int j = 0; j <= i; j++) allowed[b][i][j] = true;
        List<Tensor> r = mha.callWithMask(x, x, null, null, true, false);
        double[][][][] ref = reference(rows(x), rows(x), rows(x), mha.getWeights(), 2, 2, 2, true, allowed);
        assertClose(ref[0], r.get(0), 1e-12);
        assertClose(ref[1], r.get(1), 1e-12);
        assertEquals(1.0, r.get(1).getDouble(0), 1e-15); // the first position attends only to itself

        // combined with a padding mask, both constraints hold (Keras ANDs them)
        Tensor pad = Tensor.of(new float[] {1, 1, 1, 1, 1, 0, 1, 1}, 2, 1, 4);
        allowed[1][1][1] = allowed[1][2][1] = allowed[1][3][1] = false;
        r = mha.callWithMask(x, x, null, pad, true, false);
        ref = reference(rows(x), rows(x), rows(x), mha.getWeights(), 2, 2, 2, true, allowed);
        assertClose(ref[0], r.get(0), 1e-12);
    }

    @Test void fourDimensionalInputsAttendOverTheChosenAxes() {
        Tensor x = GradCheck.uniform(9, -1, 1, 2, 3, 2, 4);
        for (int[] axes : new int[][] {null, {2}, {1}, {-2}}) {
            MultiHeadAttention mha = new MultiHeadAttention(2, 3);
            if (axes != null) mha.attentionAxes(axes);
            built(mha, x.shape(), x.shape(), null, 60);
            List<Tensor> r = mha.callWithMask(x, x, null, null, false, false);
            assertEquals(x.shape(), r.get(0).shape());
            // positions (a, b) flattened as p = a*2 + b; attention only between positions agreeing on the other axis
            boolean attendA = axes == null || axes[0] == 1, attendB = axes == null || axes[0] != 1;
            boolean[][][] allowed = new boolean[2][6][6];
            for (int b = 0; b < 2; b++) for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) {
                allowed[b][i][j] = (attendA || i / 2 == j / 2) && (attendB || i % 2 == j % 2);
            }
            double[][][][] ref = reference(rows(x), rows(x), rows(x), mha.getWeights(), 2, 3, 3, true, allowed);
            assertClose(ref[0], r.get(0), 1e-12);
            Shape expectedScores = axes == null ? Shape.of(2, 2, 3, 2, 3, 2) : axes[0] == 1 ? Shape.of(2, 2, 2, 3, 3) : Shape.of(2, 3, 2, 2, 2);
            assertEquals(expectedScores, r.get(1).shape(), java.util.Arrays.toString(axes));
            mha.returnAttentionScores(true);
            assertEquals(List.of(Shape.of(-1, 3, 2, 4), expectedScores.withDim(0, -1)),
                    mha.computeOutputShapes(List.of(Shape.of(-1, 3, 2, 4), Shape.of(-1, 3, 2, 4))));
        }
    }

    // ------------------------------------------------------------------ weights, graph, dropout

    @Test void weightsHaveKerasNamesShapesAndOrder() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 3).name("mha");
        mha.ensureBuiltAll(List.of(Shape.of(-1, 4, 5), Shape.of(-1, 6, 5)));
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (Variable v : mha.weights()) {
            names.add(v.name());
            shapes.add(v.shape());
        }
        assertEquals(List.of("mha/query/kernel", "mha/query/bias", "mha/key/kernel", "mha/key/bias", "mha/value/kernel", "mha/value/bias",
                "mha/attention_output/kernel", "mha/attention_output/bias"), names);
        assertEquals(List.of(Shape.of(5, 2, 3), Shape.of(2, 3), Shape.of(5, 2, 3), Shape.of(2, 3), Shape.of(5, 2, 3), Shape.of(2, 3),
                Shape.of(2, 3, 5), Shape.of(5)), shapes);
        assertEquals(4 * (5 * 6 + 6) - 6 + 5, mha.countParams());
    }

    @Test void multiDimensionalOutputShape() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 3).outputShape(2, 3);
        Tensor x = Tensor.of(GradCheck.uniform(11, -1, 1, 2, 4, 5).toFloatArray(), 2, 4, 5);
        Tensor y = mha.applyAll(List.of(x, x), false).get(0);
        assertEquals(Shape.of(2, 4, 2, 3), y.shape());
        assertEquals(Shape.of(2, 3, 2, 3), mha.weights().get(6).shape());
        assertEquals(Shape.of(2, 3), mha.weights().get(7).shape());
    }

    @Test void symbolicCallGivesOneOrTwoOutputs() {
        KerasTensor q = Input.of(4, 6), v = Input.of(7, 6);
        KerasTensor out = new MultiHeadAttention(3, 2).apply(q, v);
        assertEquals(Shape.of(-1, 4, 6), out.shape());
        List<KerasTensor> both = new MultiHeadAttention(3, 2).returnAttentionScores(true).applyAll(List.of(q, v));
        assertEquals(Shape.of(-1, 3, 4, 7), both.get(1).shape());
    }

    @Test void dropoutActsOnTheScoresOnlyInTraining() {
        Tensor x = GradCheck.uniform(12, -1, 1, 2, 6, 4);
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 2).dropout(0.5).seed(3L), x.shape(), x.shape(), null, 70);
        Tensor inference = mha.callWithMask(x, x, null, null, false, false).get(0);
        double[][][][] ref = reference(rows(x), rows(x), rows(x), mha.getWeights(), 2, 2, 2, true, all(2, 6, 6));
        assertClose(ref[0], inference, 1e-12);
        Tensor train = mha.callWithMask(x, x, null, null, false, true).get(0);
        double diff = 0;
        for (int i = 0; i < train.size(); i++) diff = Math.max(diff, Math.abs(train.getDouble(i) - inference.getDouble(i)));
        assertTrue(diff > 1e-3, "dropout changed nothing in training");
    }

    @Test void gradientsThroughTheLayerMatchFiniteDifferences() {
        Tensor q = GradCheck.uniform(13, -1, 1, 2, 3, 4), v = GradCheck.uniform(14, -1, 1, 2, 4, 4), k = GradCheck.uniform(15, -1, 1, 2, 4, 3);
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 3).valueDim(2), q.shape(), v.shape(), k.shape(), 80);
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 0, 1, 0, 1, 1}, 2, 1, 4);
        GradCheck.check(in -> mha.callWithMask(in.get(0), in.get(1), in.get(2), mask, true, false).get(0), q, v, k);
        Tensor x = GradCheck.uniform(16, -1, 1, 1, 2, 3, 4);
        MultiHeadAttention four = built(new MultiHeadAttention(2, 2).attentionAxes(2), x.shape(), x.shape(), null, 90);
        GradCheck.check(in -> four.callWithMask(in.get(0), in.get(0), null, null, false, false).get(0), x);
    }

    // ------------------------------------------------------------------ config and errors

    @Test void configHasKerasKeysAndDefaultsAndRoundTrips() {
        MultiHeadAttention mha = new MultiHeadAttention(4, 16);
        Map<String, Object> c = mha.getConfig();
        assertEquals(4, c.get("num_heads"));
        assertEquals(16, c.get("key_dim"));
        assertEquals(16, c.get("value_dim")); // defaults to key_dim
        assertEquals(0.0, c.get("dropout"));
        assertEquals(true, c.get("use_bias"));
        assertNull(c.get("output_shape"));
        assertNull(c.get("attention_axes"));
        assertEquals("GlorotUniform", ((Map<?, ?>) c.get("kernel_initializer")).get("class_name"));
        assertEquals("Zeros", ((Map<?, ?>) c.get("bias_initializer")).get("class_name"));
        for (MultiHeadAttention l : List.of(mha, new MultiHeadAttention(2, 3).valueDim(5).dropout(0.1).useBias(false).outputShape(2, 3)
                .attentionAxes(1, 2).seed(7L).kernelInitializer("he_normal").biasInitializer("ones"))) {
            Map<String, Object> config = l.getConfig();
            Layer back = Layers.fromConfig("MultiHeadAttention", config);
            assertEquals(MultiHeadAttention.class, back.getClass());
            assertEquals(config, back.getConfig());
        }
        // Keras writes an int output_shape and attention_axes too
        Map<String, Object> k = new java.util.HashMap<>(mha.getConfig());
        k.put("output_shape", 8);
        k.put("attention_axes", 1);
        MultiHeadAttention m = (MultiHeadAttention) Layers.fromConfig("MultiHeadAttention", k);
        assertEquals(List.of(8), m.getConfig().get("output_shape"));
        assertEquals(List.of(1), m.getConfig().get("attention_axes"));
    }

    @Test void invalidArgumentsAndShapesFailInKerasWords() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 0));
        assertTrue(e.getMessage().contains("key_dim=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(-1, 4));
        assertTrue(e.getMessage().contains("num_heads=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 4).valueDim(0));
        assertTrue(e.getMessage().contains("value_dim=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadAttention(2, 4).ensureBuiltAll(List.of(Shape.of(-1, 3, 4), Shape.of(-1, 5, 4), Shape.of(-1, 6, 4))));
        assertTrue(e.getMessage().contains("All dimensions of `value` and `key`, except the last one, must be equal"), e.getMessage());
        Tensor x = Tensor.zeros(2, 3, 4);
        e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 4).apply(x));
        assertTrue(e.getMessage().contains("[query, value]"), e.getMessage());
    }
}
