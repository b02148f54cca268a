package io.keras4j.callbacks;

import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LearningRateSchedulerTest {
    @BeforeEach void reset() { Layer.clearSession(); Random.setSeed(9); }

    @Test void setsTheRateAtEachEpochBeginAndLogsIt() {
        // The Keras docstring's schedule: keep the rate for 10 epochs, then multiply by exp(-0.1) each epoch.
        LearningRateScheduler.Schedule schedule = (epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1);
        Tensor[] d = Fixtures.regression(16, 3);
        Sequential m = new Sequential(Input.of(3), new Dense(1));
        m.compile(new SGD().learningRate(0.01), "mse");
        List<Double> seenInEpoch = new ArrayList<>();
        LambdaCallback probe = new LambdaCallback().onTrainBatchBegin((b, l) -> { if (b == 0) seenInEpoch.add(m.optimizer().learningRate()); });
        var h = m.fit(d[0], d[1], new FitOptions().epochs(15).batchSize(16).verbose(0).callbacks(new LearningRateScheduler(schedule), probe));
        // The Keras docstring: round(model.optimizer.learning_rate, 5) is 0.00607 after 15 epochs.
        assertEquals(0.00607, Math.round(m.optimizer().learningRate() * 1e5) / 1e5);
        float expected = 0.01f;
        for (int e = 0; e < 15; e++) {
            if (e >= 10) expected = (float) (expected * Math.exp(-0.1));
            assertEquals(expected, seenInEpoch.get(e).floatValue(), 1e-9f, "epoch " + e);
            assertEquals(expected, h.get("learning_rate").get(e).floatValue(), 1e-9f, "logged at epoch " + e);
        }
    }

    @Test void aScheduledOptimizerRateCannotBeSet() {
        Sequential m = new Sequential(Input.of(3), new Dense(1));
        m.compile(new SGD().learningRate(step -> 0.1), "mse");
        LearningRateScheduler s = new LearningRateScheduler((e, lr) -> 0.5);
        s.setModel(m);
        assertThrows(IllegalStateException.class, () -> s.onEpochBegin(0, new java.util.TreeMap<>()));
    }

    @Test void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateScheduler(null));
        Sequential m = new Sequential(Input.of(3), new Dense(1));
        m.compile(new SGD(), "mse");
        LearningRateScheduler s = new LearningRateScheduler((e, lr) -> Double.NaN);
        s.setModel(m);
        assertEquals("The output of the `schedule` function should be a float. Got: NaN",
                assertThrows(IllegalArgumentException.class, () -> s.onEpochBegin(0, new java.util.TreeMap<>())).getMessage());
    }
}
