package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

/** What every optimizer inherits: counting, clipping, weight decay, learning rates, checks. SGD keeps the arithmetic plain. */
class OptimizerTest {

    private static Tensor t(double... v) { return Tensor.of(v); }

    @Test void iterationsCountOnePerApply() {
        SGD sgd = new SGD();
        Variable w = variable("w", 1);
        assertEquals(0, sgd.iterations());
        step(sgd, w, 1);
        step(sgd, w, 1);
        assertEquals(2, sgd.iterations());
        sgd.apply(List.of(), List.of()); // Keras: an empty list is a no-op, not a step
        assertEquals(2, sgd.iterations());
        assertEquals(2.0, sgd.variables().get(0).peek().item());
    }

    @Test void nullGradientLeavesItsVariableAlone() {
        SGD sgd = new SGD().learningRate(1.0).weightDecay(0.5);
        Variable a = variable("a", 1, 2), b = variable("b", 3);
        sgd.apply(Arrays.asList(t(0.5, 0.25), null), List.of(a, b));
        // a: decayed (w - w * 0.5 * 1) then stepped; b: untouched, not even decayed.
        assertValues(new double[] {0.5 - 0.5, 1 - 0.25}, a, 1e-12);
        assertValues(new double[] {3}, b, 0);
        assertEquals(1, sgd.iterations());
    }

    @Test void noGradientAtAllFails() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SGD().apply(Arrays.asList(null, null), List.of(variable("a", 1), variable("b", 1))));
        assertEquals("No gradients provided for any variable.", e.getMessage());
    }

    @Test void clipnormScalesEachGradientToItsOwnNorm() {
        SGD sgd = new SGD().learningRate(1.0).clipnorm(1.0);
        Variable a = variable("a", 0, 0), b = variable("b", 0, 0);
        double[] ga = {3, 4}, gb = {0.3, 0.4}; // norms 5 (clipped) and 0.5 (kept)
        sgd.apply(List.of(t(ga), t(gb)), List.of(a, b));
        assertValues(new double[] {-ga[0] * 1 / 5, -ga[1] * 1 / 5}, a, 1e-6);
        assertValues(new double[] {-gb[0], -gb[1]}, b, 1e-6);
    }

    @Test void clipnormMatchesKerasExample() {
        // Keras's test: clipnorm=1 turns [100, 100] into [sqrt(2)/2, sqrt(2)/2].
        SGD sgd = new SGD().learningRate(1.0).clipnorm(1);
        Variable w = variable("w", 0, 0);
        step(sgd, w, 100, 100);
        assertValues(new double[] {-Math.sqrt(2) / 2, -Math.sqrt(2) / 2}, w, 1e-6);
    }

    @Test void clipnormKeepsZeroGradientsZero() {
        SGD sgd = new SGD().learningRate(1.0).clipnorm(1);
        Variable w = variable("w", 1, 2);
        step(sgd, w, 0, 0);
        assertValues(new double[] {1, 2}, w, 0);
    }

    @Test void clipvalueClampsElements() {
        SGD sgd = new SGD().learningRate(1.0).clipvalue(1.0);
        Variable w = variable("w", 0, 0, 0, 0);
        step(sgd, w, -3, 0.2, 5, -0.5);
        assertValues(new double[] {1, -0.2, -1, 0.5}, w, 1e-12);
    }

    @Test void globalClipnormScalesAllGradientsTogether() {
        SGD sgd = new SGD().learningRate(1.0).globalClipnorm(2.6);
        Variable a = variable("a", 0, 0), b = variable("b", 0);
        double[] ga = {3, 4}, gb = {12}; // global norm sqrt(9 + 16 + 144) = 13
        sgd.apply(List.of(t(ga), t(gb)), List.of(a, b));
        double scale = 2.6 / Math.max(13, 2.6);
        assertValues(new double[] {-ga[0] * scale, -ga[1] * scale}, a, 1e-6);
        assertValues(new double[] {-gb[0] * scale}, b, 1e-6);

        SGD loose = new SGD().learningRate(1.0).globalClipnorm(100);
        Variable c = variable("c", 0, 0);
        step(loose, c, 3, 4);
        assertValues(new double[] {-3, -4}, c, 1e-12);
    }

    @Test void globalClipnormOfInfiniteGradientGivesNaN() {
        SGD sgd = new SGD().learningRate(1.0).globalClipnorm(1);
        Variable w = variable("w", 0, 0);
        step(sgd, w, Double.POSITIVE_INFINITY, 1);
        assertTrue(Double.isNaN(w.peek().getDouble(1)), "Keras makes the scale NaN for a non-finite norm");
    }

    @Test void onlyOneClippingOption() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SGD().clipnorm(1.0).clipvalue(0.5));
        assertEquals("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                + "Received: clipnorm=1.0, clipvalue=0.5, global_clipnorm=None", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam().globalClipnorm(1).clipnorm(1));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("sgd", Map.of("clipnorm", 1, "global_clipnorm", 2)));
    }

    @Test void lossScaleFactorDividesGradients() {
        SGD sgd = new SGD().learningRate(1.0).lossScaleFactor(4);
        Variable w = variable("w", 0, 0);
        step(sgd, w, 4, -8);
        assertValues(new double[] {-1, 2}, w, 1e-12);
    }

    @Test void weightDecayMatchesKerasTest() {
        // Keras's test: three SGD(learning_rate=1, weight_decay=0.004) steps with zero gradients
        // take 2.0 to 1.9760959; excluded variables stay at 2.0.
        Variable var1 = new Variable("var1", Tensor.scalar(2f), true);
        Variable var2 = new Variable("exclude", Tensor.scalar(2f), true);
        Variable var3 = new Variable("var3", Tensor.scalar(2f), true);
        Tensor zero = Tensor.scalar(0f);
        new SGD().learningRate(1.0).weightDecay(0.004).apply(List.of(zero), List.of(var1));
        SGD byName = new SGD().learningRate(1.0).weightDecay(0.004);
        byName.excludeFromWeightDecay(null, List.of("exclude"));
        byName.apply(List.of(zero, zero), List.of(var1, var2));
        SGD byVariable = new SGD().learningRate(1.0).weightDecay(0.004);
        byVariable.excludeFromWeightDecay(List.of(var3), null);
        byVariable.apply(List.of(zero, zero), List.of(var1, var3));
        assertEquals(1.9760959, var1.peek().item(), 1e-6);
        assertEquals(2.0, var2.peek().item());
        assertEquals(2.0, var3.peek().item());
    }

    @Test void weightDecayIsDecoupledAndComesFirst() {
        double lr = 0.25, wd = 0.1;
        SGD sgd = new SGD().learningRate(lr).weightDecay(wd);
        Variable w = variable("w", 1, -2);
        double[] e = {1, -2};
        double[][] grads = {{0.5, 1}, {-1, 0.25}};
        for (double[] g : grads) {
            step(sgd, w, g);
            for (int i = 0; i < 2; i++) e[i] = (e[i] - e[i] * wd * lr) - lr * g[i];
        }
        assertValues(e, w, 1e-6);
    }

    @Test void excludeFromWeightDecayAfterBuildFails() {
        SGD sgd = new SGD();
        sgd.build(List.of(variable("w", 1)));
        var e = assertThrows(IllegalStateException.class, () -> sgd.excludeFromWeightDecay(null, List.of("bias")));
        assertEquals("`exclude_from_weight_decay()` can only be configured before the optimizer is built.", e.getMessage());
    }

    @Test void scheduleIsEvaluatedAtTheIterationCount() {
        List<Long> asked = new ArrayList<>();
        SGD sgd = new SGD().learningRate(step -> {
            asked.add(step);
            return 0.5 / (1 + step);
        });
        Variable w = variable("w", 1);
        double e = 1;
        for (int k = 0; k < 3; k++) {
            step(sgd, w, 2);
            e -= 0.5 / (1 + k) * 2;
        }
        assertValues(new double[] {e}, w, 1e-12);
        assertEquals(List.of(0L, 1L, 2L), asked);
        assertEquals(List.of("iteration"), names(sgd)); // the schedule replaces the learning-rate variable
    }

    @Test void scheduleConfigIsSerializedAndConstantRateCannotBeSetAfter() {
        LearningRateSchedule halving = new LearningRateSchedule() {
            @Override public double at(long step) { return Math.pow(0.5, step); }
            @Override public String className() { return "Halving"; }
            @Override public Map<String, Object> getConfig() { return Map.of("base", 0.5); }
        };
        SGD sgd = new SGD().learningRate(halving);
        @SuppressWarnings("unchecked")
        Map<String, Object> lr = (Map<String, Object>) sgd.getConfig().get("learning_rate");
        assertEquals("Halving", lr.get("class_name"));
        assertEquals(Map.of("base", 0.5), lr.get("config"));
        assertThrows(IllegalStateException.class, () -> sgd.learningRate(0.1));
        assertThrows(UnsupportedOperationException.class, () -> new SGD().learningRate(s -> 0.1).getConfig());
    }

    @Test void constantLearningRateIsStoredInFloat32AndSettable() {
        SGD sgd = new SGD();
        assertEquals((double) 0.01f, sgd.learningRate());
        sgd.learningRate(0.5);
        assertEquals(0.5, sgd.learningRate());
        assertEquals(0.5, sgd.variables().get(1).peek().item());
        assertEquals(DType.FLOAT32, sgd.variables().get(1).dtype());
    }

    @Test void negativeOrNaNLearningRateFails() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam().learningRate(-0.1));
        assertTrue(e.getMessage().contains("learning_rate=-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam().learningRate(Double.NaN));
    }

    @Test void variablesOutsideTheBuiltSetAreRejected() {
        SGD sgd = new SGD();
        step(sgd, variable("a", 1), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> step(sgd, variable("b", 1), 1));
        assertTrue(e.getMessage().startsWith("Unknown variable: b. This optimizer can only be called for the variables it was originally built with."),
                e.getMessage());
    }

    @Test void gradientShapeMustMatch() {
        var e = assertThrows(IllegalArgumentException.class, () -> step(new SGD(), variable("w", 1, 2), 1, 2, 3));
        assertEquals("Gradient for variable 'w' has shape (3,), but the variable has shape (2,)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SGD().apply(List.of(t(1)), List.of(variable("a", 1), variable("b", 1))));
    }

    @Test void applyWithoutVariablesUsesTheBuiltOnes() {
        SGD sgd = new SGD().learningRate(1.0);
        assertThrows(IllegalStateException.class, () -> sgd.apply(List.of(t(1))));
        Variable w = variable("w", 3);
        sgd.build(List.of(w));
        sgd.build(List.of(variable("other", 0))); // building twice keeps the first build
        sgd.apply(List.of(t(1)));
        assertValues(new double[] {2}, w, 0);
        assertThrows(IllegalArgumentException.class, () -> sgd.apply(List.of(t(1), t(1))));
    }

    @Test void integerVariablesCannotBeTrained() {
        Variable counts = new Variable("counts", Tensor.ofInts(new int[] {1, 2}), true);
        assertThrows(IllegalArgumentException.class, () -> new SGD().build(List.of(counts)));
    }

    @Test void gradientsAreCastToTheVariableDtype() {
        Variable w64 = variable("w64", 1, 1);
        Variable w32 = new Variable("w32", Tensor.of(new float[] {1, 1}), true);
        SGD sgd = new SGD().learningRate(0.5);
        sgd.apply(List.of(Tensor.of(new float[] {1, 2}), Tensor.of(new double[] {1, 2})), List.of(w64, w32));
        assertValues(new double[] {0.5, 0}, w64, 0);
        assertValues(new double[] {0.5, 0}, w32, 0);
        assertEquals(DType.FLOAT32, w32.dtype());
    }

    @Test void gradientTensorsAreNotModified() {
        Tensor g = t(3, 4);
        SGD sgd = new SGD().clipnorm(1);
        step(sgd, variable("w", 0, 0), 3, 4);
        sgd.apply(List.of(g), null);
        assertArrayEquals(new double[] {3, 4}, g.toDoubleArray());
    }

    @Test void largeVariablesAreUpdatedEverywhereWhenSplitOverThreads() {
        // Larger than several GRAINs and not a multiple of TILE: every chunk and tile edge is crossed.
        int n = 5 * Optimizer.GRAIN + 17;
        float[] w0 = new float[n], g1 = new float[n], g2 = new float[n];
        for (int i = 0; i < n; i++) {
            w0[i] = (float) Math.sin(i);
            g1[i] = (float) Math.cos(0.37 * i);
            g2[i] = 0.1f * g1[i]; // smaller, so AMSGrad's maximum keeps the first velocity
        }
        Variable w = new Variable("big", Tensor.of(w0), true);
        Adam adam = new Adam().learningRate(0.01).beta2(0.5).weightDecay(0.1).amsgrad(true);
        adam.apply(List.of(Tensor.of(g1)), List.of(w));
        adam.apply(List.of(Tensor.of(g2)), List.of(w));
        double lr = f32(0.01);
        float[] out = w.peek().toFloatArray();
        for (int i = 0; i < n; i++) {
            double e = w0[i], m = 0, v = 0, vHat = 0;
            for (int t = 1; t <= 2; t++) {
                double g = t == 1 ? g1[i] : g2[i];
                e -= e * 0.1 * lr;
                m = 0.9 * m + 0.1 * g;
                v = 0.5 * v + 0.5 * g * g;
                vHat = Math.max(vHat, v);
                e -= lr * Math.sqrt(1 - Math.pow(0.5, t)) / (1 - Math.pow(0.9, t)) * m / (Math.sqrt(vHat) + 1e-7);
            }
            assertEquals(e, out[i], 1e-5, "element " + i);
        }
    }

    @Test void largeFloat64VariablesMatchTheFormulaEverywhere() {
        int n = 3 * Optimizer.GRAIN + 5;
        double[] w0 = new double[n], g = new double[n];
        for (int i = 0; i < n; i++) {
            w0[i] = Math.sin(i);
            g[i] = Math.cos(0.37 * i);
        }
        Variable w = new Variable("big", Tensor.of(w0), true);
        RMSprop rms = new RMSprop().learningRate(0.01).centered(true).momentum(0.5);
        rms.apply(List.of(Tensor.of(g)), List.of(w));
        rms.apply(List.of(Tensor.of(g)), List.of(w));
        double lr = f32(0.01);
        double[] out = w.peek().toDoubleArray();
        for (int i = 0; i < n; i++) {
            double e = w0[i], v = 0, a = 0, m = 0;
            for (int t = 1; t <= 2; t++) {
                v = 0.9 * v + 0.1 * g[i] * g[i];
                a = 0.9 * a + 0.1 * g[i];
                m = 0.5 * m + lr * g[i] / Math.sqrt(v - a * a + 1e-7);
                e -= m;
            }
            assertEquals(e, out[i], 1e-9 + 1e-6 * Math.abs(e), "element " + i);
        }
    }

    @Test void flushZeroesOnlyNegligibleValuesAndNeverMakesSubnormals() {
        assertEquals(0f, Optimizer.flush(9e-31f));
        assertEquals(0f, Optimizer.flush(-1e-40f));
        assertEquals(0f, Optimizer.flushNonNegative(5e-31f));
        for (float x : new float[] {1f, -0.5f, 3e-20f, -2.5e-22f, 1e30f}) {
            assertEquals(x, Optimizer.flush(x), "exact for " + x);
            if (x > 0) assertEquals(x, Optimizer.flushNonNegative(x), "exact for " + x);
        }
        assertEquals(1e-20, Optimizer.flush(1e-20));
        assertEquals(0.0, Optimizer.flush(1e-295));
        assertTrue(Float.isNaN(Optimizer.flush(Float.NaN)));
        // Across the threshold, results are 0 or normal numbers.
        for (float x = 5e-31f; x < 1e-28f; x *= 1.0001f) {
            float y = Optimizer.flush(x), z = Optimizer.flushNonNegative(x);
            assertTrue(y == 0 || y >= Float.MIN_NORMAL, "flush(" + x + ") = " + y);
            assertTrue(z == 0 || z >= Float.MIN_NORMAL, "flushNonNegative(" + x + ") = " + z);
            assertEquals(-y, Optimizer.flush(-x), 0f); // symmetric (0 and -0 alike)
        }
        for (double x = 5e-291; x < 1e-288; x *= 1.0001) {
            double y = Optimizer.flush(x);
            assertTrue(y == 0 || y >= Double.MIN_NORMAL, "flush(" + x + ") = " + y);
        }
    }

    @Test void decayingStateNeverBecomesSubnormal() {
        // With one gradient and then zeros, Adam's float32 first moment 0.1 * 0.9^k would be
        // subnormal (below 1.18e-38) after about 820 steps and reach 0 only after about 960.
        Adam adam = new Adam();
        Variable w = new Variable("w", Tensor.of(new float[] {1, 1}), true);
        adam.apply(List.of(Tensor.of(new float[] {1, 1e-20f})), List.of(w));
        Tensor zero = Tensor.zeros(Shape.of(2), DType.FLOAT32);
        for (int k = 0; k < 880; k++) adam.apply(List.of(zero), List.of(w));
        for (Variable slot : adam.variables().subList(2, 4)) {
            for (float x : slot.peek().toFloatArray()) {
                assertTrue(x == 0 || Math.abs(x) >= Float.MIN_NORMAL, slot.name() + " holds subnormal " + x);
            }
        }
        assertEquals(0f, adam.variables().get(2).peek().toFloatArray()[0]);
    }

    @Test void namesFollowKerasSnakeCase() {
        assertEquals("adam_w", Optimizer.toSnakeCase("AdamW"));
        assertEquals("rm_sprop", Optimizer.toSnakeCase("RMSprop"));
        assertEquals("sgd", Optimizer.toSnakeCase("SGD"));
        assertEquals("adadelta", Optimizer.toSnakeCase("Adadelta"));
        String first = new Adamax().name(), second = new Adamax().name();
        assertNotEquals(first, second);
        assertTrue(second.matches("adamax_\\d+"), second);
        assertEquals("opt", new Adamax().name("opt").name());
    }

    @Test void unknownConfigKeysAreReported() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("adam", Map.of("beta_3", 0.5)));
        assertEquals("Argument(s) not recognized: {'beta_3': 0.5}", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("adam", Map.of("beta_1", "high")));
        assertThrows(UnsupportedOperationException.class, () -> Optimizers.fromConfig("adam", Map.of("use_ema", true)));
    }
}
