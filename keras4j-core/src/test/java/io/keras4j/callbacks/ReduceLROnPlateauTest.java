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
import java.util.Map;

import static io.keras4j.callbacks.Fixtures.logs;
import static org.junit.jupiter.api.Assertions.*;

class ReduceLROnPlateauTest {
    @BeforeEach void reset() { Layer.clearSession(); Random.setSeed(5); }

    private static Sequential sgdModel(double lr) {
        Sequential m = new Sequential(Input.of(3), new Dense(1));
        m.compile(new SGD().learningRate(lr), "mse");
        return m;
    }

    @Test void kerasDefaults() {
        ReduceLROnPlateau r = new ReduceLROnPlateau();
        assertEquals("val_loss", r.monitor());
        assertEquals(0.1, r.factor());
        assertEquals(10, r.patience());
        assertEquals("auto", r.mode());
        assertEquals(1e-4, r.minDelta());
        assertEquals(0, r.cooldown());
        assertEquals(0.0, r.minLr());
    }

    @Test void reducesOnTheEpochsKerasAlgorithmGives() {
        // factor 0.5, patience 2, cooldown 1, min_lr 0.2, min_delta 1e-4, lr 1.0. Keras's on_epoch_end by hand:
        // e0 1.0 best; e1 0.99995 (not < 1.0 - 1e-4) wait 1; e2 1.0 wait 2 -> lr 0.5, cooldown 1, wait 0;
        // e3 1.2 cooldown -> 0, wait 0, then (not in cooldown) wait 1; e4 0.5 best, wait 0; e5 0.6 wait 1;
        // e6 0.6 wait 2 -> lr 0.25, cooldown 1; e7 0.7 cooldown -> 0, wait 1; e8 0.7 wait 2 -> lr max(0.125, 0.2) = 0.2;
        // e9 wait 1; e10 wait 2 but lr 0.2 is not above float32(min_lr): no change, wait not reset; e11 wait 3, no change.
        Sequential m = sgdModel(1.0);
        ReduceLROnPlateau r = new ReduceLROnPlateau().factor(0.5).patience(2).cooldown(1).minLr(0.2);
        r.setModel(m);
        r.onTrainBegin(logs());
        double[] v = {1.0, 0.99995, 1.0, 1.2, 0.5, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7};
        List<Integer> changedAt = new ArrayList<>();
        List<Double> loggedLr = new ArrayList<>();
        double lr = m.optimizer().learningRate();
        for (int e = 0; e < v.length; e++) {
            Map<String, Double> l = logs("val_loss", v[e]);
            r.onEpochEnd(e, l);
            loggedLr.add(l.get("learning_rate"));
            if (m.optimizer().learningRate() != lr) changedAt.add(e);
            lr = m.optimizer().learningRate();
        }
        assertEquals(List.of(2, 6, 8), changedAt);
        assertEquals(0.2f, (float) m.optimizer().learningRate());
        // "learning_rate" is logged before the reduction of that epoch, as Keras.
        assertEquals(1.0, loggedLr.get(2));
        assertEquals(0.5, loggedLr.get(3));
        assertEquals(0.25, loggedLr.get(8));
    }

    @Test void maxModeReducesWhenAccuracyStalls() {
        Sequential m = sgdModel(0.1);
        ReduceLROnPlateau r = new ReduceLROnPlateau().monitor("accuracy").patience(1).minDelta(0);
        r.setModel(m);
        r.onTrainBegin(logs());
        r.onEpochEnd(0, logs("accuracy", 0.5));
        r.onEpochEnd(1, logs("accuracy", 0.6));
        assertEquals(0.1f, (float) m.optimizer().learningRate());
        r.onEpochEnd(2, logs("accuracy", 0.6));
        assertEquals(0.01f, (float) m.optimizer().learningRate());
    }

    @Test void aMissingMonitorWarns() {
        Sequential m = sgdModel(0.1);
        ReduceLROnPlateau r = new ReduceLROnPlateau();
        r.setModel(m);
        try (Fixtures.Warnings w = new Fixtures.Warnings()) {
            r.onEpochEnd(0, logs("loss", 1.0));
            assertEquals(List.of("Learning rate reduction is conditioned on metric `val_loss` which is not available. "
                    + "Available metrics are: learning_rate,loss."), w.messages);
        }
    }

    @Test void fitRecordsTheLearningRateInHistory() {
        Tensor[] d = Fixtures.regression(32, 2);
        Sequential m = sgdModel(0.05);
        LambdaCallback flat = new LambdaCallback().onEpochEnd((e, l) -> l.put("flat", 1.0));
        var h = m.fit(d[0], d[1], new FitOptions().epochs(4).batchSize(16).verbose(0)
                .callbacks(flat, new ReduceLROnPlateau().monitor("flat").mode("min").patience(1).factor(0.5)));
        List<Double> lr = h.get("learning_rate");
        assertEquals(4, lr.size());
        // e0 best; e1 wait 1 -> halve after logging; e2 (logged 0.025) halve again; e3 logged 0.0125.
        assertEquals(0.05f, lr.get(0).floatValue());
        assertEquals(0.05f, lr.get(1).floatValue());
        assertEquals(0.025f, lr.get(2).floatValue());
        assertEquals(0.0125f, lr.get(3).floatValue());
    }

    @Test void badArgumentsInKerasWords() {
        assertEquals("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0",
                assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().minLr(-1));
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().patience(-1));
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().cooldown(-1));
    }

    @Test void aScheduledLearningRateCannotBeReduced() {
        Sequential m = new Sequential(Input.of(3), new Dense(1));
        m.compile(new SGD().learningRate(step -> 0.1), "mse");
        ReduceLROnPlateau r = new ReduceLROnPlateau().monitor("loss").patience(0);
        r.setModel(m);
        r.onTrainBegin(logs());
        r.onEpochEnd(0, logs("loss", 1.0));
        // Keras raises TypeError: the rate of an optimizer built with a schedule is not settable.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.onEpochEnd(1, logs("loss", 1.0)));
        assertTrue(e.getMessage().contains("learning rate is not settable"), e.getMessage());
    }
}
