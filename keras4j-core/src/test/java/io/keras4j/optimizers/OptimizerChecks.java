package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared pieces of the optimizer tests: small variables, one-step application, tolerant comparison. */
final class OptimizerChecks {
    private OptimizerChecks() {}

    /** A float64 rank-1 trainable variable. */
    static Variable variable(String name, double... values) {
        return new Variable(name, Tensor.of(values), true);
    }

    /** Applies one gradient to one variable. */
    static void step(Optimizer optimizer, Variable variable, double... gradient) {
        optimizer.apply(List.of(Tensor.of(gradient)), List.of(variable));
    }

    /** The learning rate as Keras stores it: in a float32 variable. */
    static double f32(double x) {
        return (float) x;
    }

    /** {@code |actual - expected| <= rtol * |expected| + 1e-12} for every element. */
    static void assertValues(double[] expected, Variable actual, double rtol) {
        assertValues(expected, actual.peek().toDoubleArray(), rtol);
    }

    static void assertValues(double[] expected, double[] actual, double rtol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= rtol * Math.abs(expected[i]) + 1e-12)) {
                fail("element " + i + ": expected " + expected[i] + " but was " + actual[i] + " (rtol " + rtol + ")");
            }
        }
    }

    /** The names of an optimizer's variables, in order. */
    static List<String> names(Optimizer optimizer) {
        List<String> out = new ArrayList<>();
        for (Variable v : optimizer.variables()) out.add(v.name());
        return out;
    }

    /** Keras's base config with its defaults, the given learning rate and name; then {@code extra}. */
    static Map<String, Object> baseConfig(String name, double learningRate, Object... extra) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("learning_rate", f32(learningRate));
        c.put("weight_decay", null);
        c.put("clipnorm", null);
        c.put("global_clipnorm", null);
        c.put("clipvalue", null);
        c.put("use_ema", false);
        c.put("ema_momentum", 0.99);
        c.put("ema_overwrite_frequency", null);
        c.put("loss_scale_factor", null);
        c.put("gradient_accumulation_steps", null);
        for (int i = 0; i < extra.length; i += 2) c.put((String) extra[i], extra[i + 1]);
        return c;
    }

    /**
     * Keras's own "golden" check from its optimizer tests: a length-10 float32 variable of ones gets
     * the gradient 0.01 everywhere, then 0.1, 0.2, ..., 1.0 at each later step; {@code golden[i]} is
     * the value after step i + 1. Keras compares with rtol = atol = 5e-4.
     */
    static void assertKerasGolden(Optimizer optimizer, double[][] golden) {
        Variable x = new Variable("x", Tensor.full(Shape.of(10), 1, DType.FLOAT32), true);
        float[] arange = new float[10];
        for (int i = 0; i < 10; i++) arange[i] = (float) (0.1 * (i + 1));
        optimizer.apply(List.of(Tensor.full(Shape.of(10), 0.01, DType.FLOAT32)), List.of(x));
        for (double[] expected : golden) {
            double[] actual = x.peek().toDoubleArray();
            for (int i = 0; i < 10; i++) {
                double e = expected.length == 1 ? expected[0] : expected[i];
                if (!(Math.abs(actual[i] - e) <= 5e-4 + 5e-4 * Math.abs(e))) {
                    fail("element " + i + ": expected " + e + " but was " + actual[i]);
                }
            }
            optimizer.apply(List.of(Tensor.of(arange)), List.of(x));
        }
    }

    /** Keras's single-step check: gradient [1, 6, 7, 2] on [1, 2, 3, 4], compared with rtol = atol = 1e-4. */
    static void assertKerasSingleStep(Optimizer optimizer, double... expected) {
        Variable w = new Variable("w", Tensor.of(new float[] {1, 2, 3, 4}), true);
        optimizer.apply(List.of(Tensor.of(new float[] {1, 6, 7, 2})), List.of(w));
        double[] actual = w.peek().toDoubleArray();
        for (int i = 0; i < 4; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= 1e-4 + 1e-4 * Math.abs(expected[i]))) {
                fail("element " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }
}
