package io.keras4j.data;

import io.keras4j.callbacks.Callback;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class PyDatasetTest {
    /** Batch i is one row x = y = i; records the indices asked for. */
    static final class Indexed extends PyDataset {
        final Integer n;
        final List<Integer> asked = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger epochEnds = new AtomicInteger();

        Indexed(Integer n, int workers) {
            super(workers, 4);
            this.n = n;
        }

        @Override public Integer numBatches() { return n; }

        @Override public Element getItem(int index) {
            asked.add(index);
            Tensor t = Tensor.of(new float[] {index}, 1, 1);
            return Element.of(t, t);
        }

        @Override public void onEpochEnd() { epochEnds.incrementAndGet(); }
    }

    private static List<Integer> ids(Dataset<Element> d) {
        List<Integer> out = new ArrayList<>();
        for (Element e : d.toList()) out.add((int) e.x(0).item());
        return out;
    }

    @Test void batchesComeInIndexOrderWithSeveralWorkers() {
        Indexed d = new Indexed(10, 3);
        assertEquals(10, d.cardinality());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ids(d));
        assertEquals(1, d.epochEnds.get());
        assertEquals(Dataset.INFINITE, new Indexed(null, 1).cardinality());
    }

    private static List<List<Integer>> fitEpochs(PyDataset d, FitOptions o) {
        List<List<Integer>> epochs = new ArrayList<>();
        Model m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD().learningRate(0.0), Losses.get("mse"), List.of());
        m.fit(d, o.verbose(0).callbacks(new Callback() {
            @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { epochs.add(new ArrayList<>()); }
        }));
        return epochs;
    }

    @Test void fitShufflesTheBatchOrderEachEpochAsKerasAdapterDoes() {
        Indexed d = new Indexed(12, 2);
        fitEpochs(d, new FitOptions().epochs(2));
        List<Integer> first = new ArrayList<>(d.asked.subList(0, 12)), second = new ArrayList<>(d.asked.subList(12, 24));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) all.add(i);
        assertNotEquals(all, first, "shuffled");
        assertNotEquals(first, second, "a new order each epoch");
        first.sort(null);
        second.sort(null);
        assertEquals(all, first);
        assertEquals(all, second);
        assertEquals(2, d.epochEnds.get());

        Indexed ordered = new Indexed(5, 1);
        fitEpochs(ordered, new FitOptions().epochs(1).shuffle(false));
        assertEquals(List.of(0, 1, 2, 3, 4), ordered.asked);
    }

    @Test void anInfinitePyDatasetTrainsWithStepsPerEpoch() {
        Indexed d = new Indexed(null, 1);
        fitEpochs(d, new FitOptions().epochs(2).stepsPerEpoch(3));
        assertTrue(d.asked.subList(0, 6).equals(List.of(0, 1, 2, 3, 4, 5)), d.asked.toString());
        assertThrows(IllegalArgumentException.class, () -> fitEpochs(new Indexed(null, 1), new FitOptions().epochs(1)));
    }
}
