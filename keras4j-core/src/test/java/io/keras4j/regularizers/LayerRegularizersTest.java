package io.keras4j.regularizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.activations.PReLU;
import io.keras4j.layers.attention.MultiHeadAttention;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.normalization.BatchNormalization;
import io.keras4j.layers.normalization.GroupNormalization;
import io.keras4j.layers.normalization.LayerNormalization;
import io.keras4j.layers.rnn.GRU;
import io.keras4j.layers.rnn.LSTM;
import io.keras4j.layers.rnn.SimpleRNN;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Weight regularizers on every layer family that takes them in Keras: the penalty of each weight,
 * as the regularizer's formula over the weight's actual values (summed here by hand), joins the
 * layer's losses and the loss that training reports; configs carry the regularizers.
 */
class LayerRegularizersTest {
    private static final java.util.Random RNG = new java.util.Random(11);

    private static double sumSquares(Variable v) {
        double s = 0;
        for (float f : v.value().toFloatArray()) s += (double) f * f;
        return s;
    }

    private static double sumAbs(Variable v) {
        double s = 0;
        for (float f : v.value().toFloatArray()) s += Math.abs(f);
        return s;
    }

    private static double totalLoss(Layer layer) {
        double s = 0;
        for (Tensor t : layer.losses()) s += t.item();
        return s;
    }

    /** Every weight set to random values, so that no penalty is trivially zero (zero biases). */
    private static void randomize(Layer layer) {
        List<Tensor> values = new ArrayList<>();
        for (Variable v : layer.weights()) {
            float[] d = new float[v.shape().size()];
            for (int i = 0; i < d.length; i++) d[i] = (float) (RNG.nextGaussian() * 0.5 + 0.2);
            values.add(Tensor.wrap(d, v.shape()));
        }
        layer.setWeights(values);
    }

    /** The weight whose name (the last part of its path) is {@code suffix}. */
    private static Variable weight(Layer layer, String suffix) {
        for (Variable v : layer.weights()) if (v.name().equals(suffix) || v.name().endsWith("/" + suffix)) return v;
        throw new AssertionError("no weight " + suffix + " in " + layer.weights().stream().map(Variable::name).toList());
    }

    @Test void l2AddsExactlyFactorTimesSumOfSquaresToTheReportedLoss() {
        Dense dense = new Dense(2).kernelRegularizer(new L2(0.01));
        Model m = new Sequential(Input.of(3), dense);
        randomize(dense);
        m.compile(new SGD().learningRate(0.0), Losses.get("mse"), List.of());
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {-1, 0.5f, 2}});
        Tensor y = Tensor.of(new float[][] {{0, 1}, {1, 0}});
        float[] p = m.predict(x).toFloatArray(), t = y.toFloatArray();
        double mse = 0;
        for (int i = 0; i < p.length; i++) mse += (p[i] - t[i]) * (p[i] - t[i]);
        mse /= p.length;
        double penalty = 0.01 * sumSquares(dense.kernel());
        assertTrue(penalty > 1e-3);
        assertEquals(mse + penalty, m.evaluate(x, y, 2, 0).get("loss"), 1e-6);
        assertEquals(mse + penalty, m.trainOnBatch(x, y).get("loss"), 1e-6);
    }

    @Test void recurrentLayersPenaliseKernelRecurrentKernelAndBias() {
        for (Layer rnn : List.<Layer>of(
                new SimpleRNN(3).kernelRegularizer(new L2(0.01)).recurrentRegularizer(new L1(0.02)).biasRegularizer(new L2(0.03)),
                new LSTM(3).kernelRegularizer(new L2(0.01)).recurrentRegularizer(new L1(0.02)).biasRegularizer(new L2(0.03)),
                new GRU(3).kernelRegularizer(new L2(0.01)).recurrentRegularizer(new L1(0.02)).biasRegularizer(new L2(0.03)))) {
            Model m = new Sequential(Input.of(4, 2), rnn);
            randomize(rnn);
            double expected = 0.01 * sumSquares(weight(rnn, "kernel")) + 0.02 * sumAbs(weight(rnn, "recurrent_kernel"))
                    + 0.03 * sumSquares(weight(rnn, "bias"));
            assertEquals(expected, totalLoss(m), 1e-5 * expected, rnn.className());
            m.compile(new SGD().learningRate(0.0), Losses.get("mse"), List.of());
            Tensor x = Tensor.zeros(1, 4, 2);
            float[] out = m.predict(x).toFloatArray();
            double mse = 0;
            for (float o : out) mse += o * o;
            mse /= out.length;
            assertEquals(mse + expected, m.evaluate(x, Tensor.zeros(1, 3), 1, 0).get("loss"), 1e-5, rnn.className());
            Map<String, Object> config = rnn.getConfig();
            assertEquals(new L1(0.02).serialize(), config.get("recurrent_regularizer"));
            Layer back = Layers.fromConfig(rnn.className(), config);
            back.ensureBuilt(Shape.of(-1, 4, 2));
            back.setWeights(rnn.getWeights());
            assertEquals(expected, totalLoss(back), 1e-5 * expected, rnn.className() + " from config");
        }
    }

    @Test void normalizationLayersPenaliseBetaAndGamma() {
        for (Layer norm : List.<Layer>of(new BatchNormalization().betaRegularizer(new L2(0.01)).gammaRegularizer(new L1(0.02)),
                new LayerNormalization().betaRegularizer(new L2(0.01)).gammaRegularizer(new L1(0.02)),
                new GroupNormalization(2).betaRegularizer(new L2(0.01)).gammaRegularizer(new L1(0.02)))) {
            norm.ensureBuilt(Shape.of(-1, 4));
            randomize(norm);
            double expected = 0.01 * sumSquares(weight(norm, "beta")) + 0.02 * sumAbs(weight(norm, "gamma"));
            assertEquals(expected, totalLoss(norm), 1e-6, norm.className());
            Layer back = Layers.fromConfig(norm.className(), norm.getConfig());
            back.ensureBuilt(Shape.of(-1, 4));
            back.setWeights(norm.getWeights());
            assertEquals(expected, totalLoss(back), 1e-6, norm.className() + " from config");
        }
    }

    @Test void preluPenalisesAlpha() {
        PReLU prelu = new PReLU().alphaRegularizer(new L2(0.05));
        prelu.ensureBuilt(Shape.of(-1, 4));
        randomize(prelu);
        double expected = 0.05 * sumSquares(weight(prelu, "alpha"));
        assertEquals(expected, totalLoss(prelu), 1e-6);
        assertEquals(new L2(0.05).serialize(), prelu.getConfig().get("alpha_regularizer"));
        Layer back = Layers.fromConfig("PReLU", prelu.getConfig());
        back.ensureBuilt(Shape.of(-1, 4));
        back.setWeights(prelu.getWeights());
        assertEquals(expected, totalLoss(back), 1e-6);
    }

    @Test void multiHeadAttentionPenalisesEachProjection() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 3).kernelRegularizer(new L2(0.01)).biasRegularizer(new L1(0.02));
        Tensor x = Tensor.ones(1, 4, 6);
        mha.applyAll(List.of(x, x), false);
        randomize(mha);
        double expected = 0;
        int kernels = 0;
        for (Variable v : mha.weights()) {
            if (v.name().endsWith("kernel")) { expected += 0.01 * sumSquares(v); kernels++; }
            else expected += 0.02 * sumAbs(v);
        }
        assertEquals(4, kernels); // query, key, value and output, as Keras's four EinsumDense
        assertEquals(expected, totalLoss(mha), 1e-5 * expected);
        Map<String, Object> config = mha.getConfig();
        assertEquals(new L1(0.02).serialize(), config.get("bias_regularizer"));
        MultiHeadAttention back = (MultiHeadAttention) Layers.fromConfig("MultiHeadAttention", config);
        assertEquals(new L2(0.01).getConfig(), back.kernelRegularizer().getConfig());
    }

    @Test void regularizersByKerasName() {
        Dense d = new Dense(2).kernelRegularizer("l2").biasRegularizer("l1");
        assertEquals(0.01, ((L2) d.kernelRegularizer()).l2());
        assertEquals(0.01, ((L1) d.biasRegularizer()).l1());
        L1L2 both = (L1L2) Regularizers.get("l1_l2");
        assertEquals(0.01, both.l1());
        assertEquals(0.01, both.l2());
        assertInstanceOf(OrthogonalRegularizer.class, Regularizers.get("orthogonal_regularizer"));
        // from_config(get_config()) gives the same regularizer; None values take the defaults.
        assertEquals(0.3, L2.fromConfig(new L2(0.3).getConfig()).l2());
        assertEquals(new L1L2(0.1, 0.2).getConfig(), L1L2.fromConfig(new L1L2(0.1, 0.2).getConfig()).getConfig());
        assertEquals("columns", OrthogonalRegularizer.fromConfig(Map.of("factor", 0.5, "mode", "columns")).mode());
        var e = assertThrows(IllegalArgumentException.class, () -> L1.fromConfig(Map.of("l2", 0.1)));
        assertEquals("L1.__init__() got an unexpected keyword argument 'l2'", e.getMessage());
    }
}
