package io.keras4j.layers.normalization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.autodiff.GradCheck;
import io.keras4j.autodiff.GradientTape;
import io.keras4j.autodiff.Variable;
import io.keras4j.conformance.CaseResult;
import io.keras4j.conformance.ConformanceRunner;
import io.keras4j.conformance.Summary;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BatchNormalizationTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    /**
     * The worked example used below: x (4, 2) with columns [-3, -1, 1, 3] (mean 0, biased
     * variance 5) and [0, 0, 0, 8] (mean 2, biased variance 12); epsilon 4 makes the
     * denominators sqrt(9) = 3 and sqrt(16) = 4.
     */
    private static final float[] X = {-3, 0, -1, 0, 1, 0, 3, 8};

    private static BatchNormalization workedLayer() {
        BatchNormalization bn = new BatchNormalization().momentum(0.9).epsilon(4);
        bn.ensureBuilt(Shape.of(-1, 2));
        // gamma, beta, moving_mean, moving_variance
        bn.setWeights(List.of(Tensor.of(new float[] {2, 1}, 2), Tensor.of(new float[] {0.5f, -1}, 2),
                Tensor.of(new float[] {0, 1}, 2), Tensor.of(new float[] {1, 4}, 2)));
        return bn;
    }

    @Test void kerasDefaultsWeightsAndConfig() {
        BatchNormalization bn = new BatchNormalization();
        bn.ensureBuilt(Shape.of(-1, 3));
        List<Variable> w = bn.weights();
        assertEquals(List.of("batch_normalization/gamma", "batch_normalization/beta", "batch_normalization/moving_mean",
                "batch_normalization/moving_variance"), w.stream().map(Variable::name).toList());
        for (Variable v : w) assertEquals(Shape.of(3), v.shape());
        assertEquals(List.of(bn.gamma(), bn.beta()), bn.trainableWeights());
        assertEquals(List.of(bn.movingMean(), bn.movingVariance()), bn.nonTrainableWeights());
        assertArrayEquals(new float[] {1, 1, 1}, bn.gamma().peek().toFloatArray());
        assertArrayEquals(new float[] {0, 0, 0}, bn.beta().peek().toFloatArray());
        assertArrayEquals(new float[] {0, 0, 0}, bn.movingMean().peek().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, bn.movingVariance().peek().toFloatArray());
        Map<String, Object> c = bn.getConfig();
        assertEquals(-1, c.get("axis"));
        assertEquals(0.99, c.get("momentum"));
        assertEquals(1e-3, c.get("epsilon"));
        assertEquals(true, c.get("center"));
        assertEquals(true, c.get("scale"));
        assertEquals("Zeros", ((Map<?, ?>) c.get("beta_initializer")).get("class_name"));
        assertEquals("Ones", ((Map<?, ?>) c.get("gamma_initializer")).get("class_name"));
        assertEquals("Zeros", ((Map<?, ?>) c.get("moving_mean_initializer")).get("class_name"));
        assertEquals("Ones", ((Map<?, ?>) c.get("moving_variance_initializer")).get("class_name"));
        assertEquals(false, c.get("synchronized"));
        assertTrue(c.containsKey("gamma_regularizer") && c.containsKey("beta_constraint"));
    }

    @Test void weightOrderWithoutScaleOrCenter() {
        BatchNormalization noScale = new BatchNormalization().scale(false);
        noScale.ensureBuilt(Shape.of(-1, 2));
        assertEquals(List.of("beta", "moving_mean", "moving_variance"), shortNames(noScale));
        BatchNormalization noCenter = new BatchNormalization().center(false);
        noCenter.ensureBuilt(Shape.of(-1, 2));
        assertEquals(List.of("gamma", "moving_mean", "moving_variance"), shortNames(noCenter));
        BatchNormalization neither = new BatchNormalization().center(false).scale(false);
        neither.ensureBuilt(Shape.of(-1, 2));
        assertEquals(List.of("moving_mean", "moving_variance"), shortNames(neither));
    }

    private static List<String> shortNames(Layer l) {
        return l.weights().stream().map(v -> v.name().substring(v.name().indexOf('/') + 1)).toList();
    }

    @Test void trainingUsesBatchStatisticsAndMovesTheAveragesWithBiasedVariance() {
        BatchNormalization bn = workedLayer();
        Tensor y = bn.apply(Tensor.of(X, 4, 2), true);
        // column 0: x / 3 * 2 + 0.5; column 1: (x - 2) / 4 * 1 - 1
        assertArrayEquals(new float[] {-1.5f, -1.5f, 0.5f - 2f / 3, -1.5f, 0.5f + 2f / 3, -1.5f, 2.5f, 0.5f}, y.toFloatArray(), 1e-6f);
        // moving = moving * 0.9 + batch * 0.1: mean [0, 1] → [0, 1.1]; variance [1, 4] with [5, 12] → [1.4, 4.8]
        // (the unbiased variance [20/3, 16] would give [1.5667, 5.2]).
        assertArrayEquals(new float[] {0, 1.1f}, bn.movingMean().peek().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {1.4f, 4.8f}, bn.movingVariance().peek().toFloatArray(), 1e-6f);
    }

    @Test void inferenceUsesMovingStatisticsAndLeavesThemAlone() {
        BatchNormalization bn = workedLayer();
        Tensor y = bn.apply(Tensor.of(X, 4, 2), false);
        double[] gamma = {2, 1}, beta = {0.5, -1}, mean = {0, 1}, var = {1, 4};
        float[] want = new float[8];
        for (int i = 0; i < 8; i++) {
            int c = i % 2;
            want[i] = (float) (gamma[c] * (X[i] - mean[c]) / Math.sqrt(var[c] + 4) + beta[c]);
        }
        assertArrayEquals(want, y.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 1}, bn.movingMean().peek().toFloatArray());
        assertArrayEquals(new float[] {1, 4}, bn.movingVariance().peek().toFloatArray());
    }

    @Test void aFrozenLayerRunsInInferenceModeEvenWhenTraining() {
        BatchNormalization bn = workedLayer();
        bn.trainable(false);
        Tensor frozen = bn.apply(Tensor.of(X, 4, 2), true);
        assertArrayEquals(bn.apply(Tensor.of(X, 4, 2), false).toFloatArray(), frozen.toFloatArray());
        assertArrayEquals(new float[] {0, 1}, bn.movingMean().peek().toFloatArray());
        assertTrue(bn.trainableWeights().isEmpty());
        bn.trainable(true);
        assertEquals(2, bn.trainableWeights().size(), "moving statistics stay non-trainable");
    }

    @Test void normalisesAlongAnyAxisAgainstAPlainLoop() {
        // (batch 2, 3, 2) normalised along axis 1: statistics over axes 0 and 2 per channel.
        float[] x = {1, -2, 0.5f, 3, 4, 4.5f, -1, 2, 2.5f, -3, 0, 1};
        BatchNormalization bn = new BatchNormalization().axis(1).epsilon(0.01);
        Tensor y = bn.apply(Tensor.of(x, 2, 3, 2), true);
        assertEquals(Shape.of(3), bn.gamma().shape());
        float[] want = new float[12];
        for (int c = 0; c < 3; c++) {
            double s = 0, ss = 0;
            for (int b = 0; b < 2; b++) for (int k = 0; k < 2; k++) s += x[b * 6 + c * 2 + k];
            double m = s / 4;
            for (int b = 0; b < 2; b++) for (int k = 0; k < 2; k++) ss += Math.pow(x[b * 6 + c * 2 + k] - m, 2);
            double v = ss / 4;
            for (int b = 0; b < 2; b++) for (int k = 0; k < 2; k++) want[b * 6 + c * 2 + k] = (float) ((x[b * 6 + c * 2 + k] - m) / Math.sqrt(v + 0.01));
        }
        assertArrayEquals(want, y.toFloatArray(), 1e-5f);
        assertEquals(Shape.of(-1, 3, 2), bn.computeOutputShape(Shape.of(-1, 3, 2)));
    }

    @Test void gradientsThroughBatchStatisticsMatchFiniteDifferences() {
        BatchNormalization bn = new BatchNormalization().momentum(0.5).dtype(DType.FLOAT64);
        bn.ensureBuilt(Shape.of(-1, 3));
        bn.setWeights(List.of(Tensor.of(new double[] {1.5, -0.5, 2}, 3), Tensor.of(new double[] {0.1, 0.2, -0.3}, 3),
                Tensor.of(new double[] {0, 0, 0}, 3), Tensor.of(new double[] {1, 1, 1}, 3)));
        GradCheck.check(in -> bn.apply(in.get(0), true), GradCheck.uniform(7, -2, 2, 4, 3));
        GradCheck.check(in -> bn.apply(in.get(0), false), GradCheck.uniform(8, -2, 2, 4, 3));
    }

    @Test void gammaAndBetaGradientsAndNoTapeForMovingStatistics() {
        BatchNormalization bn = new BatchNormalization().epsilon(4).dtype(DType.FLOAT64);
        bn.ensureBuilt(Shape.of(-1, 2));
        Tensor x = Ops.cast(Tensor.of(X, 4, 2), DType.FLOAT64);
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2);
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = Ops.sum(Ops.multiply(bn.apply(x, true), w));
            List<Tensor> g = tape.gradientOfVariables(loss, bn.weights());
            // d/dbeta = column sums of w; d/dgamma = column sums of w * xhat, xhat = [-1, -1/3, 1/3, 1] and [-.5, -.5, -.5, 1.5].
            assertArrayEquals(new double[] {-1 - 1.0 + 5.0 / 3 + 7, -1 - 2 - 3 + 12}, g.get(0).toDoubleArray(), 1e-12);
            assertArrayEquals(new double[] {16, 20}, g.get(1).toDoubleArray(), 1e-12);
            assertNull(g.get(2), "the moving mean is not on the tape");
            assertNull(g.get(3), "the moving variance is not on the tape");
        }
    }

    @Test void errorsInKerasWords() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().axis(2).ensureBuilt(Shape.of(-1, 3)));
        assertEquals("Axis 2 is out of bounds for input shape (None, 3). Received: axis=2", e.getMessage());
        BatchNormalization bn = new BatchNormalization();
        bn.ensureBuilt(Shape.of(-1, 3));
        var wrong = assertThrows(IllegalArgumentException.class, () -> bn.apply(Tensor.zeros(2, 4)));
        assertTrue(wrong.getMessage().contains("expected axis -1 of input shape to have value 3"), wrong.getMessage());
        var sync = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("BatchNormalization", Map.of("synchronized", true)));
        assertEquals("Argument synchronized=True is only supported with the TensorFlow backend.", sync.getMessage());
    }

    @Test void fromConfigReadsKerasKeys() {
        BatchNormalization bn = (BatchNormalization) Layers.fromConfig("BatchNormalization", Map.of("axis", 1, "momentum", 0.5,
                "epsilon", 0.01, "center", false, "gamma_initializer", "zeros", "name", "bn"));
        Map<String, Object> c = bn.getConfig();
        assertEquals(1, c.get("axis"));
        assertEquals(0.5, c.get("momentum"));
        assertEquals(0.01, c.get("epsilon"));
        assertEquals(false, c.get("center"));
        assertEquals("Zeros", ((Map<?, ?>) c.get("gamma_initializer")).get("class_name"));
        assertEquals("bn", bn.name());
        assertEquals(c, Layers.fromConfig("BatchNormalization", c).getConfig(), "get_config round-trips");
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("BatchNormalization", Map.of("momentun", 0.5)));
    }

    // ------------------------------------------------------------------ the conformance runner's training cases

    @TempDir Path tmp;

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Map<String, Object> tensor(List<Integer> shape, double... data) {
        return obj("data", Arrays.stream(data).boxed().toList(), "shape", shape);
    }

    /** The worked example as a Keras 3 case called with training=true, batch 4. */
    private Summary runTrainingCase(double... expectedMovingVariance) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Object> weights = List.of(
                obj("name", "gamma", "index", 0, "shape", List.of(2)), obj("name", "beta", "index", 1, "shape", List.of(2)),
                obj("name", "moving_mean", "index", 2, "shape", List.of(2)), obj("name", "moving_variance", "index", 3, "shape", List.of(2)));
        Map<String, Object> model = obj("inputs", List.of("input_layer"), "outputs", List.of("batch_normalization"), "layers", List.of(
                obj("class_name", "InputLayer", "name", "input_layer", "config", obj("shape", List.of(2), "dtype", "float32"),
                        "inbound", List.of(List.of()), "weights", List.of()),
                obj("class_name", "BatchNormalization", "name", "batch_normalization", "config", obj("momentum", 0.9, "epsilon", 4.0),
                        "inbound", List.of(List.of("input_layer")), "weights", weights)));
        json.writeValue(tmp.resolve("cases.json").toFile(), obj("bn_training",
                obj("file", "bn.json", "kind", "model", "batch", 4, "training", true, "model", model)));
        double[] x = new double[8];
        for (int i = 0; i < 8; i++) x[i] = X[i];
        json.writeValue(tmp.resolve("bn.json").toFile(), obj("bn_training", obj(
                "input", tensor(List.of(4, 2), x),
                "weights", List.of(tensor(List.of(2), 2, 1), tensor(List.of(2), 0.5, -1), tensor(List.of(2), 0, 1), tensor(List.of(2), 1, 4)),
                "expected", tensor(List.of(4, 2), -1.5, -1.5, 0.5 - 2.0 / 3, -1.5, 0.5 + 2.0 / 3, -1.5, 2.5, 0.5),
                "expected_moving_mean", tensor(List.of(2), 0, 1.1),
                "expected_moving_variance", tensor(List.of(2), expectedMovingVariance))));
        assertTrue(Files.exists(tmp.resolve("bn.json")));
        return ConformanceRunner.run(tmp, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test void conformanceRunnerChecksTrainingOutputAndMovingStatistics() throws IOException {
        CaseResult ok = runTrainingCase(1.4, 4.8).result("bn_training");
        assertEquals(CaseResult.Status.PASSED, ok.status(), ok.detail());
        // The moving variance an unbiased batch variance would give must be caught.
        CaseResult bad = runTrainingCase(0.9 + 0.1 * 20 / 3, 0.9 * 4 + 1.6).result("bn_training");
        assertEquals(CaseResult.Status.FAILED, bad.status());
        assertTrue(bad.detail().startsWith("expected_moving_variance: "), bad.detail());
    }
}
