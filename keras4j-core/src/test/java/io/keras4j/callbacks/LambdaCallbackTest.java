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

import static org.junit.jupiter.api.Assertions.*;

class LambdaCallbackTest {
    @BeforeEach void reset() { Layer.clearSession(); Random.setSeed(2); }

    @Test void eachGivenHookRunsInKerasOrder() {
        Tensor[] d = Fixtures.regression(20, 5);
        List<String> calls = new ArrayList<>();
        LambdaCallback cb = new LambdaCallback()
                .onTrainBegin(l -> calls.add("train_begin"))
                .onEpochBegin((e, l) -> calls.add("epoch_begin " + e))
                .onTrainBatchBegin((b, l) -> calls.add("batch_begin " + b))
                .onTrainBatchEnd((b, l) -> calls.add("batch_end " + b + (l.containsKey("loss") ? " loss" : "")))
                .onEpochEnd((e, l) -> calls.add("epoch_end " + e + (l.containsKey("val_loss") ? " val_loss" : "")))
                .onTrainEnd(l -> calls.add("train_end"));
        Fixtures.mlp().fit(d[0], d[1], new FitOptions().epochs(2).batchSize(8).validationSplit(0.2).verbose(0).callbacks(cb));
        // 16 training rows in batches of 8: two batches per epoch.
        assertEquals(List.of("train_begin",
                "epoch_begin 0", "batch_begin 0", "batch_end 0 loss", "batch_begin 1", "batch_end 1 loss", "epoch_end 0 val_loss",
                "epoch_begin 1", "batch_begin 0", "batch_end 0 loss", "batch_begin 1", "batch_end 1 loss", "epoch_end 1 val_loss",
                "train_end"), calls);
    }

    @Test void hooksNotGivenDoNothing() {
        Tensor[] d = Fixtures.regression(8, 5);
        List<Integer> ends = new ArrayList<>();
        Fixtures.mlp().fit(d[0], d[1], new FitOptions().epochs(3).verbose(0).callbacks(new LambdaCallback().onEpochEnd((e, l) -> ends.add(e))));
        assertEquals(List.of(0, 1, 2), ends);
    }

    @Test void stopTrainingSetByACallbackEndsFitAfterThatBatchOrEpoch() {
        Tensor[] d = Fixtures.regression(40, 6);
        Sequential m = Fixtures.mlp();
        List<String> calls = new ArrayList<>();
        LambdaCallback stopper = new LambdaCallback()
                .onTrainBatchEnd((b, l) -> { calls.add("b" + b); if (b == 1) m.setStopTraining(true); })
                .onEpochEnd((e, l) -> calls.add("e" + e));
        var h = m.fit(d[0], d[1], new FitOptions().epochs(5).batchSize(8).verbose(0).callbacks(stopper));
        // Keras: break after the batch, still end the epoch, then leave the epoch loop.
        assertEquals(List.of("b0", "b1", "e0"), calls);
        assertEquals(List.of(0), h.epoch());

        Sequential m2 = Fixtures.mlp();
        List<Integer> epochs = new ArrayList<>();
        m2.fit(d[0], d[1], new FitOptions().epochs(5).batchSize(8).verbose(0)
                .callbacks(new LambdaCallback().onEpochEnd((e, l) -> { epochs.add(e); if (e == 2) m2.setStopTraining(true); })));
        assertEquals(List.of(0, 1, 2), epochs);
        // A new fit starts with stop_training cleared.
        var again = m2.fit(d[0], d[1], new FitOptions().epochs(2).batchSize(8).verbose(0));
        assertEquals(List.of(0, 1), again.epoch());
    }
}
