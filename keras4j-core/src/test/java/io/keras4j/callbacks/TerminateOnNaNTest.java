package io.keras4j.callbacks;

import io.keras4j.layers.Layer;
import io.keras4j.models.Sequential;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import io.keras4j.trainers.InvalidLossException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TerminateOnNaNTest {
    @BeforeEach void reset() { Layer.clearSession(); Random.setSeed(1); }

    /** 48 rows in batches of 16; a NaN target in the second batch makes its loss NaN. */
    private static Tensor[] poisoned() {
        Tensor[] d = Fixtures.regression(48, 4);
        float[] y = d[1].toFloatArray();
        y[20] = Float.NaN;
        return new Tensor[] {d[0], Tensor.of(y, 48, 1)};
    }

    @Test void stopsAfterTheBatchWithTheBadLoss() {
        Tensor[] d = poisoned();
        Sequential m = Fixtures.mlp();
        List<String> batches = new ArrayList<>();
        LambdaCallback seen = new LambdaCallback().onTrainBatchEnd((b, l) -> batches.add(b + ":" + Double.isNaN(l.get("loss"))));
        var h = m.fit(d[0], d[1], new FitOptions().epochs(3).batchSize(16).shuffle(false).verbose(0).callbacks(seen, new TerminateOnNaN()));
        assertEquals(List.of("0:false", "1:true"), batches);
        assertEquals(List.of(0), h.epoch()); // the epoch still ends, as in Keras, then fit returns
    }

    @Test void withoutItFitFails() {
        Tensor[] d = poisoned();
        assertThrows(InvalidLossException.class, () -> Fixtures.mlp().fit(d[0], d[1], new FitOptions().epochs(1).batchSize(16).shuffle(false).verbose(0)));
    }

    @Test void raiseErrorThrowsAtOnce() {
        Tensor[] d = poisoned();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fixtures.mlp().fit(d[0], d[1],
                new FitOptions().epochs(1).batchSize(16).shuffle(false).verbose(0).callbacks(new TerminateOnNaN().raiseError(true))));
        assertTrue(e.getMessage().startsWith("NaN or Inf loss encountered at batch 1. Loss value: NaN"), e.getMessage());
    }
}
