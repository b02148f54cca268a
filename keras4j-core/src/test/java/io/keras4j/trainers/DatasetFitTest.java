package io.keras4j.trainers;

import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.data.Dataset;
import io.keras4j.data.Element;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.regularization.Dropout;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** fit / evaluate / predict on a {@link Dataset}, against the array path and Keras's EpochIterator rules. */
class DatasetFitTest {
    private static final int N = 50;

    private static Tensor xs() {
        float[] v = new float[N * 3];
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(0.37 * i);
        return Tensor.of(v, N, 3);
    }

    private static Tensor ys() {
        float[] v = new float[N];
        for (int i = 0; i < N; i++) v[i] = (float) Math.cos(0.11 * i);
        return Tensor.of(v, N, 1);
    }

    private static Model model() {
        Model m = new Sequential(Input.of(3), new Dense(8, "relu"), new Dropout(0.3), new Dense(1));
        m.compile(new Adam(), Losses.get("mse"), List.of("mae"));
        return m;
    }

    private static void assertSameWeights(Model a, Model b) {
        List<Tensor> wa = a.getWeights(), wb = b.getWeights();
        assertEquals(wa.size(), wb.size());
        for (int i = 0; i < wa.size(); i++) assertArrayEquals(wa.get(i).toFloatArray(), wb.get(i).toFloatArray(), "weight " + i);
    }

    @Test void fitOnADatasetIsFitOnTheSameArraysBitForBit() {
        Tensor x = xs(), y = ys();
        RandomSeed.setRandomSeed(3);
        Model a = model();
        History ha = a.fit(x, y, new FitOptions().epochs(3).batchSize(8).shuffle(false).verbose(0).validationData(x, y));
        RandomSeed.setRandomSeed(3);
        Model b = model();
        History hb = b.fit(Dataset.fromTensorSlices(x, y).batch(8).prefetch(2),
                new FitOptions().epochs(3).verbose(0).validationData(Dataset.fromTensorSlices(x, y).batch(8)));
        assertSameWeights(a, b);
        assertEquals(ha.history(), hb.history());
        assertEquals(7, hb.params().get("steps"));
        assertEquals(a.evaluate(x, y, 8, 0), b.evaluate(Dataset.fromTensorSlices(x, y).batch(8), null, 0));
        assertArrayEquals(a.predict(x, 8, 0).toFloatArray(), b.predict(Dataset.fromTensorSlices(x).batch(8)).toFloatArray());
    }

    @Test void sampleWeightsInTheElementsActAsFitsSampleWeight() {
        Tensor x = xs(), y = ys();
        float[] w = new float[N];
        for (int i = 0; i < N; i++) w[i] = i % 3;
        Tensor sw = Tensor.of(w, N);
        RandomSeed.setRandomSeed(5);
        Model a = model();
        a.fit(x, y, new FitOptions().epochs(2).batchSize(10).shuffle(false).verbose(0).sampleWeight(sw));
        RandomSeed.setRandomSeed(5);
        Model b = model();
        b.fit(Dataset.fromTensorSlices(x, y, sw).batch(10), new FitOptions().epochs(2).verbose(0));
        assertSameWeights(a, b);
    }

    /** Records which batch (by its first row's id) each epoch consumed. */
    private static List<List<Integer>> epochsOfBatches(Dataset<Element> ids, FitOptions o) {
        List<List<Integer>> epochs = new ArrayList<>();
        Model m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD().learningRate(0.0), Losses.get("mse"), List.of());
        Dataset<Element> recorded = ids.map(e -> {
            epochs.get(epochs.size() - 1).add((int) e.x(0).getDouble(0));
            return e;
        });
        m.fit(recorded, o.verbose(0).callbacks(new Callback() {
            @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { epochs.add(new ArrayList<>()); }
        }));
        return epochs;
    }

    /** Batch i holds x = y = i (one row). */
    private static Dataset<Element> batches(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return Dataset.fromTensorSlices(Tensor.of(v, n, 1), Tensor.of(v, n, 1)).batch(1);
    }

    private static Dataset<Element> unknownLength(int n) { return batches(n).filter(e -> true); }

    @Test void withoutStepsEachEpochIsOneFullPass() {
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(0, 1, 2, 3)), epochsOfBatches(batches(4), new FitOptions().epochs(2)));
        assertEquals(List.of(List.of(0, 1, 2), List.of(0, 1, 2)), epochsOfBatches(unknownLength(3), new FitOptions().epochs(2)));
    }

    @Test void withStepsPerEpochTheIteratorCarriesOnAcrossEpochs() {
        // Keras's EpochIterator: 10 known batches, 4 per epoch -> 0-3, 4-7, then 8, 9 (ran out), then a fresh pass.
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9), List.of(0, 1, 2, 3)),
                epochsOfBatches(batches(10), new FitOptions().epochs(4).stepsPerEpoch(4)));
        // Unknown length: the same, the end being found by running out.
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9), List.of(0, 1, 2, 3)),
                epochsOfBatches(unknownLength(10), new FitOptions().epochs(4).stepsPerEpoch(4)));
        // An infinite dataset with steps_per_epoch never restarts.
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 0), List.of(1, 2, 3)),
                epochsOfBatches(batches(5).repeat(), new FitOptions().epochs(3).stepsPerEpoch(3)));
    }

    @Test void unknownStepsAreReportedAsNoneAndLearnt() {
        Model m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD(), Losses.get("mse"), List.of());
        History h = m.fit(unknownLength(6), new FitOptions().epochs(2).verbose(0));
        assertTrue(h.params().containsKey("steps"));
        assertNull(h.params().get("steps"), "Keras passes steps=None for a dataset of unknown length");
        assertEquals(2, h.get("loss").size());
    }

    @Test void kerasErrors() {
        Model m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD(), Losses.get("mse"), List.of());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> m.fit(batches(3).repeat(), new FitOptions().verbose(0)));
        assertTrue(inf.getMessage().contains("`steps_per_epoch`"), inf.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> m.fit(batches(3), new FitOptions().verbose(0).validationSplit(0.2)));
        assertTrue(split.getMessage().startsWith("Argument `validation_split` is only supported for tensors or NumPy arrays."), split.getMessage());
        IllegalArgumentException ev = assertThrows(IllegalArgumentException.class, () -> m.evaluate(batches(3).repeat(), null, 0));
        assertTrue(ev.getMessage().contains("infinite dataset"), ev.getMessage());
        assertEquals(2, m.evaluate(batches(3).repeat(), 2, 0).size() + 1); // with steps it ends: {loss}
        IllegalArgumentException noY = assertThrows(IllegalArgumentException.class,
                () -> m.fit(Dataset.fromTensorSlices(Tensor.ones(4, 1)).batch(2), new FitOptions().verbose(0)));
        assertTrue(noY.getMessage().contains("no targets"), noY.getMessage());
    }

    @Test void trainingOnAStreamLargerThanMemoryKeepsOnlyTheBuffersAlive() {
        // 400 batches of 256 KB from a generator (100 MB in all): the batches consumed earlier must
        // become unreachable during fit, so memory does not grow with the data.
        int features = 16384, steps = 400;
        List<WeakReference<float[]>> made = new ArrayList<>();
        Dataset<Element> stream = Dataset.fromGenerator(() -> new Iterator<Element>() {
            @Override public boolean hasNext() { return true; }

            @Override public Element next() {
                float[] x = new float[4 * features];
                synchronized (made) {
                    made.add(new WeakReference<>(x));
                }
                return Element.of(Tensor.wrap(x, Shape.of(4, features)), Tensor.zeros(4, 1));
            }
        }).prefetch(2);
        long[] maxLive = {0};
        Model m = new Sequential(Input.of(features), new Dense(1));
        m.compile(new SGD(), Losses.get("mse"), List.of());
        m.fit(stream, new FitOptions().epochs(2).stepsPerEpoch(steps / 2).verbose(0).callbacks(new Callback() {
            int batches;

            @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (++batches % 100 != 0) return;
                System.gc();
                synchronized (made) {
                    maxLive[0] = Math.max(maxLive[0], made.stream().filter(r -> r.get() != null).count());
                }
            }
        }));
        synchronized (made) {
            assertTrue(made.size() >= steps, "the generator made " + made.size() + " batches");
        }
        assertTrue(maxLive[0] <= 6, "batches kept alive during fit: " + maxLive[0]);
    }

    @Test void arrayFitValidatesOnADataset() {
        Tensor x = xs(), y = ys();
        RandomSeed.setRandomSeed(11);
        Model a = model();
        History ha = a.fit(x, y, new FitOptions().epochs(2).batchSize(10).shuffle(false).verbose(0).validationData(x, y));
        RandomSeed.setRandomSeed(11);
        Model b = model();
        History hb = b.fit(x, y, new FitOptions().epochs(2).batchSize(10).shuffle(false).verbose(0).validationData(Dataset.fromTensorSlices(x, y).batch(10)));
        assertEquals(ha.get("val_loss"), hb.get("val_loss"));
        assertThrows(UnsupportedOperationException.class, () -> b.fit(x, y, new FitOptions().stepsPerEpoch(2).verbose(0)));
    }

    @Test void validationStepsCarryOnAcrossEpochs() {
        // 4 validation batches, 2 per run: epochs alternate between batches {0,1} and {2,3}.
        List<Integer> seen = new ArrayList<>();
        Dataset<Element> val = batches(4).map(e -> {
            seen.add((int) e.x(0).getDouble(0));
            return e;
        });
        Model m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD(), Losses.get("mse"), List.of());
        m.fit(batches(2), new FitOptions().epochs(3).verbose(0).validationData(val).validationSteps(2));
        assertEquals(List.of(0, 1, 2, 3, 0, 1), seen);
    }
}
