package io.keras4j.layers.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.SharedData;
import io.keras4j.autodiff.GradCheck;
import io.keras4j.autodiff.GradientTape;
import io.keras4j.constraints.MaxNorm;
import io.keras4j.constraints.MinMaxNorm;
import io.keras4j.constraints.NonNeg;
import io.keras4j.constraints.UnitNorm;
import io.keras4j.initializers.Constant;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.models.Sequential;
import io.keras4j.ops.Ops;
import io.keras4j.optimizers.SGD;
import io.keras4j.regularizers.L1;
import io.keras4j.regularizers.L1L2;
import io.keras4j.regularizers.L2;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Dense's kernel/bias regularizers and constraints, and the activity regularizer every layer takes. */
class DenseRegularizersTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private static double sum(List<Tensor> losses) {
        double s = 0;
        for (Tensor t : losses) s += t.item();
        return s;
    }

    @Test void kerasDocstringExample() {
        // keras.regularizers docstring: kernel ones (5, 5) with L1(0.01) costs 0.25; outputs of 2 * ones
        // are all 10, so L2(0.01) gives 0.01 * 25 * 100 = 25, divided by the batch size 5: 5.0.
        Dense d = new Dense(5).kernelInitializer("ones").kernelRegularizer(new L1(0.01)).activityRegularizer(new L2(0.01));
        d.apply(Tensor.full(Shape.of(5, 5), 2.0, DType.FLOAT32));
        assertEquals(5.25, sum(d.losses()), 1e-4);
        assertEquals(2, d.losses().size());
    }

    @Test void weightPenaltyFollowsTheCurrentWeightsAndIsCountedOnce() {
        Dense d = new Dense(2).kernelInitializer(new Constant(0.5)).biasInitializer(new Constant(1)).kernelRegularizer(new L2(0.1))
                .biasRegularizer(new L1(0.2));
        Tensor x = Tensor.full(Shape.of(3, 4), 1.0, DType.FLOAT32);
        d.apply(x);
        d.apply(x); // a second call does not add the weight penalties again (Keras computes them on demand)
        // 0.1 * 8 * 0.25 + 0.2 * 2 * 1
        assertEquals(0.2 + 0.4, sum(d.losses()), 1e-6);
        d.kernel().assign(Tensor.full(Shape.of(4, 2), 1.0, DType.FLOAT32));
        assertEquals(0.8 + 0.4, sum(d.losses()), 1e-6);
        d.trainable(false); // Keras penalises trainable weights only
        assertEquals(0.0, sum(d.losses()));
    }

    @Test void evaluateAddsTheL2PenaltyToTheDataLoss() {
        Sequential m = new Sequential(Input.of(3), new Dense(1).kernelInitializer("ones").kernelRegularizer(new L2(0.1)));
        m.compile("sgd", "mse");
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {0, 1, 0}, {-1, 0, 1}, {2, 2, 2}});
        Tensor y = Tensor.of(new double[][] {{5}, {1}, {1}, {4}});
        // Predictions 6, 1, 0, 6: errors 1, 0, -1, 2, mse 6 / 4 = 1.5; penalty 0.1 * 3 * 1² = 0.3.
        assertEquals(1.8, m.evaluate(x, y, 4, 0).get("loss"), 1e-6);
        assertEquals(1.8, m.evaluate(x, y, 2, 0).get("loss"), 1e-6);
    }

    @Test void gradientOfThePenaltyIsKerasFormula() {
        Dense d = new Dense(3).kernelRegularizer(new L1L2(0.05, 0.1)).dtype(DType.FLOAT64);
        d.ensureBuilt(Shape.of(-1, 2));
        Tensor w = d.kernel().numpy();
        List<Tensor> g;
        try (GradientTape tape = new GradientTape()) {
            Tensor total = null;
            for (Tensor t : d.losses()) total = total == null ? t : Ops.add(total, t);
            g = tape.gradientOfVariables(total, List.of(d.kernel(), d.bias()));
        }
        for (int i = 0; i < w.size(); i++) {
            double v = w.getDouble(i);
            assertEquals(0.05 * Math.signum(v) + 2 * 0.1 * v, g.get(0).getDouble(i), 1e-12);
        }
        assertTrue(g.get(1) == null || Ops.sum(Ops.abs(g.get(1))).item() == 0, "the bias has no regularizer");
    }

    @Test void activityPenaltyGradientMatchesFiniteDifferences() {
        Dense d = new Dense(3, "tanh").activityRegularizer(new L1L2(0.02, 0.3)).dtype(DType.FLOAT64);
        Tensor x = GradCheck.awayFromZero(11, 0.2, 1.5, 4, 2);
        d.ensureBuilt(x.shape());
        GradCheck.check(in -> {
            d.clearLosses();
            d.apply(in.get(0));
            Tensor total = null;
            for (Tensor t : d.losses()) total = total == null ? t : Ops.add(total, t);
            return total;
        }, x);
    }

    @Test void constraintsHoldAfterFitSteps() {
        Dense d = new Dense(2).kernelInitializer(new Constant(0.1)).kernelConstraint(new NonNeg()).biasConstraint(new MaxNorm(0.5));
        Sequential m = new Sequential(Input.of(3), d);
        m.compile(new SGD().learningRate(0.5), "mse");
        // Positive inputs and targets far below zero: every step pulls each kernel entry down (its
        // gradient 2 * mean((pred - y) * x) is positive) and the bias's norm up.
        Tensor x = GradCheck.uniform(2, 0.5, 1, 16, 3);
        Tensor y = Tensor.full(Shape.of(16, 2), -5.0, DType.FLOAT64);
        m.fit(x, y, new FitOptions().epochs(3).batchSize(4).shuffle(false).verbose(0));
        int zeros = 0;
        for (float v : d.kernel().peek().toFloatArray()) {
            assertTrue(v >= 0, "kernel " + v);
            if (v == 0) zeros++;
        }
        assertEquals(6, zeros, "NonNeg holds every entry at 0");
        double norm = Math.sqrt(Ops.sum(Ops.square(d.bias().peek())).item());
        assertEquals(0.5, norm, 1e-5, "MaxNorm(0.5) keeps the bias norm at the bound it was pushed past");
    }

    @Test void configRoundTripsThroughTheRegistry() {
        Dense d = new Dense(4).kernelRegularizer(new L1L2(0.1, 0.2)).biasRegularizer("l2")
                .kernelConstraint(new MaxNorm(3, 1)).biasConstraint("non_neg").activityRegularizer("l1");
        Map<String, Object> c = d.getConfig();
        Map<String, Object> expected = new java.util.HashMap<>(Map.of("module", "keras.regularizers", "class_name", "L1L2",
                "config", Map.of("l1", 0.1, "l2", 0.2)));
        expected.put("registered_name", null);
        assertEquals(expected, c.get("kernel_regularizer"));
        assertEquals("L1", ((Map<?, ?>) c.get("activity_regularizer")).get("class_name"));
        assertEquals("NonNeg", ((Map<?, ?>) c.get("bias_constraint")).get("class_name"));
        Dense back = (Dense) Layers.fromConfig("Dense", c);
        assertEquals(c, back.getConfig());
        assertInstanceOf(MaxNorm.class, back.kernelConstraint());
        assertInstanceOf(L1.class, back.activityRegularizer());
    }

    @Test void readsKeras2ConstraintConfigs() throws Exception {
        // dl4j's Keras 2 MNIST MLP with MaxNorm, NonNeg, UnitNorm and MinMaxNorm constraints.
        var file = SharedData.dir("conformance/dl4j/configs/keras2").resolve("mnist_mlp_constraint_tf_keras_2_config.json");
        Map<?, ?> model = new ObjectMapper().readValue(file.toFile(), Map.class);
        List<Dense> dense = new java.util.ArrayList<>();
        for (Object o : (List<?>) model.get("config")) {
            Map<?, ?> layer = (Map<?, ?>) o;
            @SuppressWarnings("unchecked") Map<String, ?> config = (Map<String, ?>) layer.get("config");
            Layer l = Layers.fromConfig((String) layer.get("class_name"), config, 2);
            if (l instanceof Dense dd) dense.add(dd);
        }
        assertEquals(4, dense.size());
        assertEquals(2.0, ((MaxNorm) dense.get(0).kernelConstraint()).maxValue());
        assertInstanceOf(NonNeg.class, dense.get(1).biasConstraint());
        assertInstanceOf(UnitNorm.class, dense.get(2).kernelConstraint());
        assertInstanceOf(MinMaxNorm.class, dense.get(3).biasConstraint());
        assertNull(dense.get(1).kernelConstraint());
    }
}
