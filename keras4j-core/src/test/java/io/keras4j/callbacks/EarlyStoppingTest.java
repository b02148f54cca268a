package io.keras4j.callbacks;

import io.keras4j.layers.Layer;
import io.keras4j.models.Sequential;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.keras4j.callbacks.Fixtures.logs;
import static org.junit.jupiter.api.Assertions.*;

class EarlyStoppingTest {
    @BeforeEach void reset() { Layer.clearSession(); Random.setSeed(3); }

    /** Feeds one value per epoch; returns the epoch at which stop_training was set, or -1. */
    private static int run(EarlyStopping es, String key, double... values) {
        Sequential m = Fixtures.mlp();
        es.setModel(m);
        m.setStopTraining(false);
        es.onTrainBegin(logs());
        for (int e = 0; e < values.length; e++) {
            es.onEpochEnd(e, logs(key, values[e]));
            if (m.stopTraining()) return e;
        }
        return -1;
    }

    @Test void kerasDefaults() {
        EarlyStopping es = new EarlyStopping();
        assertEquals("val_loss", es.monitor());
        assertEquals(0.0, es.minDelta());
        assertEquals(0, es.patience());
        assertEquals("auto", es.mode());
        assertNull(es.baseline());
        assertFalse(es.restoreBestWeights());
        assertEquals(0, es.startFromEpoch());
    }

    @Test void stopsAfterPatienceEpochsWithoutAnImprovementBeyondMinDelta() {
        // Keras's on_epoch_end by hand, patience 2, min_delta 0.1 on a loss (smaller is better):
        // e0 1.00 best; e1 0.95 (not < 1.0-0.1) wait 1; e2 0.85 (< 0.9) best, wait 0;
        // e3 0.80 (not < 0.75) wait 1; e4 0.90 wait 2 >= patience: stop at epoch 4.
        EarlyStopping es = new EarlyStopping().monitor("loss").patience(2).minDelta(-0.1);
        assertEquals(4, run(es, "loss", 1.0, 0.95, 0.85, 0.80, 0.90, 0.1));
        assertEquals(4, es.stoppedEpoch());
        assertEquals(0.85, es.best());
        assertEquals(2, es.bestEpoch());
    }

    @Test void patienceZeroStopsAtTheFirstEpochWithoutImprovementButNeverAtEpochZero() {
        assertEquals(2, run(new EarlyStopping().monitor("loss"), "loss", 1.0, 0.5, 0.5));
        assertEquals(-1, run(new EarlyStopping().monitor("loss"), "loss", 1.0));
    }

    @Test void maxModeAndAutoModeForAccuracy() {
        // accuracy rises when better: auto picks "max"; 0.6 then 0.5, 0.55: wait 2 at epoch 2.
        assertEquals(2, run(new EarlyStopping().monitor("val_accuracy").patience(2), "val_accuracy", 0.6, 0.5, 0.55));
        assertEquals(-1, run(new EarlyStopping().monitor("val_accuracy").patience(2), "val_accuracy", 0.6, 0.7, 0.8));
        assertEquals(1, run(new EarlyStopping().monitor("score").mode("max"), "score", 2.0, 1.0));
        assertEquals(-1, run(new EarlyStopping().monitor("score").mode("min"), "score", 2.0, 1.0));
    }

    @Test void baselineMustBeBeatenToResetTheWait() {
        // Keras: improving on the best so far but not on the baseline still counts toward patience.
        // baseline 0.5, patience 2: e0 0.9 best (not < 0.5) wait 1; e1 0.8 best, wait 2 (no reset) -> but the
        // improvement returns before the stop check; e2 0.85 wait 3 >= 2: stop at epoch 2.
        EarlyStopping es = new EarlyStopping().monitor("loss").patience(2).baseline(0.5);
        assertEquals(2, run(es, "loss", 0.9, 0.8, 0.85));
        assertEquals(-1, run(new EarlyStopping().monitor("loss").patience(2).baseline(0.5), "loss", 0.4, 0.3, 0.35));
    }

    @Test void startFromEpochIgnoresTheWarmUp() {
        assertEquals(-1, run(new EarlyStopping().monitor("loss").startFromEpoch(3), "loss", 1, 2, 3));
        assertEquals(4, run(new EarlyStopping().monitor("loss").startFromEpoch(3), "loss", 1, 2, 3, 3, 4));
    }

    @Test void aMissingMonitorWarnsWithTheAvailableKeys() {
        try (Fixtures.Warnings w = new Fixtures.Warnings()) {
            assertEquals(-1, run(new EarlyStopping(), "loss", 1, 2, 3));
            assertEquals(3, w.messages.size());
            assertEquals("Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss", w.messages.get(0));
        }
    }

    @Test void anUnknownModeFallsBackToAutoWithAWarning() {
        try (Fixtures.Warnings w = new Fixtures.Warnings()) {
            EarlyStopping es = new EarlyStopping().mode("minimum");
            assertEquals("auto", es.mode());
            assertEquals(List.of("EarlyStopping mode 'minimum' is unknown, fallback to auto mode."), w.messages);
        }
    }

    @Test void autoModeRefusesAMetricOfUnknownDirection() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new EarlyStopping().monitor("val_custom"), "val_custom", 1));
        assertTrue(e.getMessage().startsWith("EarlyStopping callback received monitor=val_custom, but Keras isn't able to automatically "
                + "determine whether that metric should be maximized or minimized."), e.getMessage());
    }

    @Test void badArgumentsAreRejected() {
        assertEquals("Argument `patience` must be a non-negative integer. Received: patience=-1",
                assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().patience(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().startFromEpoch(-2));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().monitor(""));
    }

    @Test void fitStopsAndRestoresTheBestEpochsWeights() {
        Tensor[] d = Fixtures.regression(64, 11);
        Sequential m = Fixtures.mlp();
        // A scripted score per epoch, lowest at epoch 2; the weights at each epoch end are recorded.
        double[] score = {5, 4, 1, 3, 2, 6, 7, 8};
        List<List<Tensor>> weightsAt = new ArrayList<>();
        LambdaCallback script = new LambdaCallback().onEpochEnd((e, l) -> {
            l.put("score", score[e]);
            weightsAt.add(m.getWeights());
        });
        EarlyStopping es = new EarlyStopping().monitor("score").mode("min").patience(2).restoreBestWeights(true);
        var h = m.fit(d[0], d[1], new FitOptions().epochs(8).batchSize(16).verbose(0).callbacks(script, es));
        // best at epoch 2; epochs 3, 4 without improvement: stop at epoch 4 (5 epochs run).
        assertEquals(List.of(0, 1, 2, 3, 4), h.epoch());
        assertEquals(4, es.stoppedEpoch());
        assertEquals(2, es.bestEpoch());
        Fixtures.assertSameWeights(weightsAt.get(2), m.getWeights());
        assertFalse(java.util.Arrays.equals(weightsAt.get(4).get(0).toFloatArray(), weightsAt.get(2).get(0).toFloatArray()));
    }

    @Test void withoutRestoreTheLastWeightsStay() {
        Tensor[] d = Fixtures.regression(32, 12);
        Sequential m = Fixtures.mlp();
        List<List<Tensor>> weightsAt = new ArrayList<>();
        LambdaCallback script = new LambdaCallback().onEpochEnd((e, l) -> { l.put("score", e == 0 ? 0.0 : 1.0); weightsAt.add(m.getWeights()); });
        m.fit(d[0], d[1], new FitOptions().epochs(5).batchSize(16).verbose(0).callbacks(script, new EarlyStopping().monitor("score").mode("min")));
        assertEquals(2, weightsAt.size());
        Fixtures.assertSameWeights(weightsAt.get(1), m.getWeights());
    }
}
