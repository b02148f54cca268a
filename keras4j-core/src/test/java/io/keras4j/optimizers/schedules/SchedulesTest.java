package io.keras4j.optimizers.schedules;

import io.keras4j.autodiff.Variable;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.LearningRateSchedule;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Each schedule against the formula of keras/src/optimizers/schedules/learning_rate_schedule.py, evaluated by hand here. */
class SchedulesTest {

    @Test void exponentialDecay() {
        ExponentialDecay s = new ExponentialDecay(0.1, 10, 0.5);
        assertEquals(0.1, s.at(0), 1e-15);
        assertEquals(0.1 * Math.pow(0.5, 0.5), s.at(5), 1e-15);
        assertEquals(0.1 * 0.25, s.at(20), 1e-15);
        ExponentialDecay stairs = new ExponentialDecay(0.1, 10, 0.5).staircase(true);
        assertEquals(0.1, stairs.at(9), 1e-15);
        assertEquals(0.05, stairs.at(10), 1e-15);
        assertEquals(0.05, stairs.at(19), 1e-15);
        assertEquals(0.025, stairs.at(25), 1e-15);
    }

    @Test void piecewiseConstantDecay() {
        // Keras's docstring: 1.0 for the first 100001 steps, 0.5 for the next 10000 steps, and 0.1 after.
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(new double[] {100000, 110000}, new double[] {1.0, 0.5, 0.1});
        assertEquals(1.0, s.at(0));
        assertEquals(1.0, s.at(100000));
        assertEquals(0.5, s.at(100001));
        assertEquals(0.5, s.at(110000));
        assertEquals(0.1, s.at(110001));
        var e = assertThrows(IllegalArgumentException.class, () -> new PiecewiseConstantDecay(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("The length of boundaries should be 1 less than the length of values."), e.getMessage());
    }

    @Test void polynomialDecay() {
        PolynomialDecay linear = new PolynomialDecay(0.1, 10).endLearningRate(0.01);
        assertEquals(0.1, linear.at(0), 1e-15);
        assertEquals((0.1 - 0.01) * 0.7 + 0.01, linear.at(3), 1e-15);
        assertEquals(0.01, linear.at(10), 1e-15);
        assertEquals(0.01, linear.at(50), 1e-15);
        PolynomialDecay sqrt = new PolynomialDecay(0.1, 10).endLearningRate(0.01).power(0.5);
        assertEquals((0.1 - 0.01) * Math.sqrt(0.6) + 0.01, sqrt.at(4), 1e-15);
        PolynomialDecay cycling = new PolynomialDecay(0.1, 10).endLearningRate(0.01).cycle(true);
        assertEquals(0.1, cycling.at(0), 1e-15);
        assertEquals(0.01, cycling.at(10), 1e-15);
        // step 15: decay_steps stretched to 10 * ceil(15 / 10) = 20, p = 0.75
        assertEquals((0.1 - 0.01) * 0.25 + 0.01, cycling.at(15), 1e-15);
    }

    @Test void inverseTimeDecay() {
        InverseTimeDecay s = new InverseTimeDecay(0.1, 4, 0.5);
        assertEquals(0.1, s.at(0), 1e-15);
        assertEquals(0.1 / (1 + 0.5 * 6 / 4.0), s.at(6), 1e-15);
        InverseTimeDecay stairs = new InverseTimeDecay(0.1, 4, 0.5).staircase(true);
        assertEquals(0.1 / 1.5, stairs.at(6), 1e-15);
        assertEquals(0.1 / 2.0, stairs.at(8), 1e-15);
    }

    @Test void cosineDecay() {
        CosineDecay s = new CosineDecay(0.1, 100).alpha(0.1);
        assertEquals(0.1, s.at(0), 1e-15);
        assertEquals(0.1 * (0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.25)) + 0.1), s.at(25), 1e-15);
        assertEquals(0.1 * 0.1, s.at(100), 1e-15);
        assertEquals(0.1 * 0.1, s.at(1000), 1e-15);
        CosineDecay warm = new CosineDecay(0.0, 100).warmupTarget(0.2).warmupSteps(10);
        assertEquals(0.0, warm.at(0), 1e-15);
        assertEquals(0.2 * 0.5, warm.at(5), 1e-15);
        assertEquals(0.2, warm.at(10), 1e-15);
        assertEquals(0.2 * 0.5 * (1 + Math.cos(Math.PI * 0.5)), warm.at(60), 1e-15);
        assertEquals(0.0, warm.at(500), 1e-15);
    }

    @Test void cosineDecayRestarts() {
        CosineDecayRestarts s = new CosineDecayRestarts(1.0, 10).mMul(0.5);
        assertEquals(1.0, s.at(0), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.5)), s.at(5), 1e-12);
        // t_mul 2: first period 10 steps, second 20 (steps 10..29) starting at m_mul = 0.5.
        assertEquals(0.5, s.at(10), 1e-12);
        assertEquals(0.5 * 0.5 * (1 + Math.cos(Math.PI * 0.5)), s.at(20), 1e-12);
        assertEquals(0.25, s.at(30), 1e-12);
        CosineDecayRestarts even = new CosineDecayRestarts(1.0, 10).tMul(1.0).alpha(0.2);
        assertEquals(0.8 * 0.5 * (1 + Math.cos(Math.PI * 0.3)) + 0.2, even.at(13), 1e-12);
    }

    @Test void decayStepsMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
        assertEquals("Argument `decay_steps` must be > 0. Received: decay_steps=0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CosineDecayRestarts(0.1, -1));
        assertEquals("Argument `first_decay_steps` must be > 0. Received: first_decay_steps=-1", e.getMessage());
    }

    @Test void configsRoundTripAndCarryKerasKeys() {
        List<LearningRateSchedule> all = List.of(
                new ExponentialDecay(0.1, 1000, 0.96).staircase(true),
                new PiecewiseConstantDecay(new double[] {10, 20}, new double[] {0.3, 0.2, 0.1}),
                new PolynomialDecay(0.1, 50).power(2).cycle(true),
                new InverseTimeDecay(0.1, 7, 0.3),
                new CosineDecay(0.01, 90).warmupTarget(0.1).warmupSteps(5),
                new CosineDecayRestarts(0.1, 13).tMul(1.5).mMul(0.9).alpha(0.05));
        for (LearningRateSchedule s : all) {
            Map<String, Object> ser = Schedules.serialize(s);
            assertEquals("keras.optimizers.schedules", ser.get("module"));
            LearningRateSchedule back = Schedules.deserialize(ser);
            assertEquals(s.getClass(), back.getClass());
            assertEquals(s.getConfig(), back.getConfig());
            for (long step : new long[] {0, 3, 11, 40, 200}) assertEquals(s.at(step), back.at(step), 0.0, s + " at " + step);
        }
        assertEquals(Map.of("initial_learning_rate", 0.1, "decay_steps", 100000, "decay_rate", 0.96, "staircase", true, "name", "ExponentialDecay"),
                new ExponentialDecay(0.1, 100000, 0.96).staircase(true).getConfig());
        assertEquals("SGDRDecay", new CosineDecayRestarts(0.1, 1).getConfig().get("name"));
        // Keras's deserialize docstring example (name None takes the default).
        java.util.HashMap<String, Object> cfg = new java.util.HashMap<>(Map.of("cycle", false, "decay_steps", 10000, "end_learning_rate", 0.01,
                "initial_learning_rate", 0.1, "power", 0.5));
        cfg.put("name", null);
        PolynomialDecay p = (PolynomialDecay) Schedules.deserialize(Map.of("class_name", "PolynomialDecay", "config", cfg));
        assertEquals(0.5, p.power());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Schedules.fromConfig("ExponentialDecay", Map.of("initial_learning_rate", 0.1, "decay_steps", 5, "decay_rate", 0.5, "bogus", 1)));
        assertEquals("ExponentialDecay.__init__() got an unexpected keyword argument 'bogus'", e.getMessage());
    }

    @Test void optimizerConfigHoldsTheScheduleAndReadsItBack() {
        Adam adam = new Adam();
        adam.learningRate(new ExponentialDecay(0.01, 10, 0.9));
        Map<String, Object> config = adam.getConfig();
        @SuppressWarnings("unchecked") Map<String, Object> lr = (Map<String, Object>) config.get("learning_rate");
        assertEquals("keras.optimizers.schedules", lr.get("module"));
        assertEquals("ExponentialDecay", lr.get("class_name"));
        Optimizer back = Optimizers.fromConfig("Adam", config);
        assertInstanceOf(ExponentialDecay.class, back.learningRateSchedule());
        assertEquals(new ExponentialDecay(0.01, 10, 0.9).getConfig(), back.learningRateSchedule().getConfig());
    }

    @Test void adamAppliesTheScheduledRateOfEachStep() {
        // lr(step) = 0.1 * 0.5^step: step 0 uses 0.1, step 1 uses 0.05.
        ExponentialDecay schedule = new ExponentialDecay(0.1, 1, 0.5);
        Adam adam = new Adam();
        adam.learningRate(schedule);
        Variable w = new Variable("w", Tensor.of(new double[] {1.0, -2.0}), true);
        double[] g1 = {0.5, -1.0}, g2 = {0.2, 0.3};
        double[] expected = {1.0, -2.0}, m = new double[2], v = new double[2];
        double b1 = 0.9, b2 = 0.999, eps = 1e-7;
        double[][] grads = {g1, g2};
        for (int t = 1; t <= 2; t++) {
            double lr = 0.1 * Math.pow(0.5, t - 1);
            assertEquals(lr, adam.learningRate(), 1e-15);
            adam.apply(List.of(Tensor.of(grads[t - 1])), List.of(w));
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < 2; i++) {
                double g = grads[t - 1][i];
                m[i] += (g - m[i]) * (1 - b1);
                v[i] += (g * g - v[i]) * (1 - b2);
                expected[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
            }
            for (int i = 0; i < 2; i++) assertEquals(expected[i], w.value().getDouble(i), 1e-12, "step " + t);
        }
        // The same updates with a constant 0.1 would differ at step 2.
        SGD sgd = new SGD();
        sgd.learningRate(new PiecewiseConstantDecay(new double[] {0}, new double[] {1.0, 0.25}));
        Variable u = new Variable("u", Tensor.of(new double[] {0.0}), true);
        sgd.apply(List.of(Tensor.of(new double[] {1.0})), List.of(u));
        sgd.apply(List.of(Tensor.of(new double[] {1.0})), List.of(u));
        assertEquals(-1.25, u.value().getDouble(0), 1e-15);
    }
}
