package io.keras4j.models;

import io.keras4j.callbacks.History;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.regularization.Dropout;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import io.keras4j.trainers.InvalidLossException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SequentialTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    static Sequential mnistMlp() {
        return new Sequential(Input.of(784),
                new Dense(512, "relu"), new Dropout(0.2),
                new Dense(512, "relu"), new Dropout(0.2),
                new Dense(10, "softmax"));
    }

    @Test void summaryOfTheKerasMnistMlpMatchesKeras3() {
        String s = mnistMlp().summaryString();
        // Keras 3 prints these counts for this model (keras.io MNIST MLP example: 669,706 params, 2.55 MB).
        assertTrue(s.startsWith("Model: \"sequential\"\n┏"), s);
        assertTrue(s.contains(" Total params: 669,706 (2.55 MB)\n"), s);
        assertTrue(s.contains(" Trainable params: 669,706 (2.55 MB)\n"), s);
        assertTrue(s.contains(" Non-trainable params: 0 (0.00 B)\n"), s);
        assertTrue(s.matches("(?s).*│ dense \\(Dense\\) +│ \\(None, 512\\) +│ +401,920 │.*"), s);
        assertTrue(s.matches("(?s).*│ dropout \\(Dropout\\) +│ \\(None, 512\\) +│ +0 │.*"), s);
        assertTrue(s.matches("(?s).*│ dense_1 \\(Dense\\) +│ \\(None, 512\\) +│ +262,656 │.*"), s);
        assertTrue(s.matches("(?s).*│ dense_2 \\(Dense\\) +│ \\(None, 10\\) +│ +5,130 │.*"), s);
        for (String line : s.split("\n")) {
            if (line.startsWith("┏") || line.startsWith("│") || line.startsWith("└")) assertEquals(88, line.length(), line);
        }
    }

    @Test void unbuiltModelShowsUnbuiltLayers() {
        Sequential m = new Sequential(new Dense(4), new Dense(2));
        String s = m.summaryString();
        assertTrue(s.contains("0 (unbuilt)"), s);
        m.predict(Tensor.zeros(3, 5));
        assertTrue(m.summaryString().contains("│ (None, 2) "), m.summaryString());
        assertEquals(5 * 4 + 4 + 4 * 2 + 2, m.countParams());
    }

    /** Two Gaussian blobs: a model that learns must separate them. */
    static Tensor[] blobs(int n, long seed) {
        Tensor noise = Random.normal(Shape.of(n, 2), 0, 0.5, io.keras4j.tensor.DType.FLOAT32, seed);
        float[] x = noise.toFloatArray();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[2 * i] += y[i] == 0 ? -1.5f : 1.5f;
            x[2 * i + 1] += y[i] == 0 ? 1f : -1f;
        }
        return new Tensor[] {Tensor.of(x, n, 2), Tensor.ofInts(y, n)};
    }

    @Test void fitLearnsASimpleClassificationAndHistoryHasKerasKeys() {
        Random.setSeed(1);
        Tensor[] d = blobs(256, 7);
        Sequential m = new Sequential(Input.of(2), new Dense(8, "relu"), new Dense(2, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = m.fit(d[0], d[1], new FitOptions().epochs(20).batchSize(32).verbose(0).validationSplit(0.25));
        assertEquals(List.of("accuracy", "loss", "val_accuracy", "val_loss"), List.copyOf(h.history().keySet()));
        assertEquals(20, h.get("loss").size());
        assertTrue(h.get("loss").get(19) < h.get("loss").get(0));
        assertTrue(h.get("val_accuracy").get(19) > 0.95, h.toString());
        Map<String, Double> ev = m.evaluate(d[0], d[1], 32, 0);
        assertTrue(ev.get("accuracy") > 0.95);
    }

    @Test void vectorValuedMetricsAreLoggedPerElement() {
        Random.setSeed(5);
        Tensor[] d = blobs(64, 2);
        Sequential m = new Sequential(Input.of(2), new Dense(2, "softmax"));
        m.compile(io.keras4j.optimizers.Optimizers.get("sgd"), io.keras4j.losses.Losses.get("categorical_crossentropy"),
                List.of("accuracy", new io.keras4j.metrics.F1Score()));
        History h = m.fit(d[0], io.keras4j.utils.NumericalUtils.toCategorical(d[1], 2), new FitOptions().epochs(1).verbose(0));
        assertEquals(List.of("accuracy", "f1_score_0", "f1_score_1", "loss"), List.copyOf(h.history().keySet()));
    }

    @Test void validationSplitHoldsOutTheLastRows() {
        Random.setSeed(2);
        Tensor[] d = blobs(100, 3);
        Sequential m = new Sequential(Input.of(2), new Dense(2, "softmax"));
        m.compile("sgd", "sparse_categorical_crossentropy");
        History h = m.fit(d[0], d[1], new FitOptions().epochs(1).verbose(0).validationSplit(0.2));
        // After the only epoch the weights are final, so val_loss equals evaluating the last 20 rows.
        Map<String, Double> last = m.evaluate(Ops.sliceAxis0(d[0], 80, 100), Ops.sliceAxis0(d[1], 80, 100), 32, 0);
        assertEquals(last.get("loss"), h.get("val_loss").get(0), 1e-6);
        Map<String, Double> first = m.evaluate(Ops.sliceAxis0(d[0], 0, 20), Ops.sliceAxis0(d[1], 0, 20), 32, 0);
        assertNotEquals(first.get("loss"), h.get("val_loss").get(0), 1e-6);
    }

    @Test void sameSeedGivesIdenticalWeights() {
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            Layer.clearSession();
            Random.setSeed(42);
            Tensor[] d = blobs(64, 5);
            Sequential m = new Sequential(Input.of(2), new Dense(16, "relu"), new Dropout(0.3), new Dense(2, "softmax"));
            m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
            m.fit(d[0], d[1], new FitOptions().epochs(3).batchSize(8).verbose(0));
            runs[r] = m.getWeights().get(0).toFloatArray();
        }
        assertArrayEquals(runs[0], runs[1]);
    }

    @Test void fitWithPooledBuffersMatchesUnpooledTrainOnBatch() {
        // fit reuses each step's arrays (ScratchPool); trainOnBatch allocates afresh. Same batches, same result.
        Tensor[] d = blobs(96, 4);
        float[][] w = new float[2][];
        for (int r = 0; r < 2; r++) {
            Layer.clearSession();
            Random.setSeed(11);
            Sequential m = new Sequential(Input.of(2), new Dense(64, "relu"), new Dense(64, "tanh"), new Dense(2, "softmax"));
            m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
            if (r == 0) m.fit(d[0], d[1], new FitOptions().epochs(2).batchSize(32).shuffle(false).verbose(0));
            else for (int e = 0; e < 2; e++) for (int b = 0; b < 3; b++) {
                m.trainOnBatch(Ops.sliceAxis0(d[0], 32 * b, 32 * b + 32), Ops.sliceAxis0(d[1], 32 * b, 32 * b + 32));
            }
            w[r] = m.getWeights().get(2).toFloatArray();
        }
        assertArrayEquals(w[0], w[1]);
    }

    @Test void onBatchMethodsAndWeights() {
        Random.setSeed(3);
        Tensor[] d = blobs(16, 1);
        Sequential m = new Sequential(Input.of(2), new Dense(3), new Dense(2, "softmax"));
        m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        Map<String, Double> before = m.testOnBatch(d[0], d[1]);
        Map<String, Double> train = m.trainOnBatch(d[0], d[1]);
        assertEquals(before.get("loss"), train.get("loss"), 1e-6, "train_on_batch reports the loss before its update");
        assertTrue(m.testOnBatch(d[0], d[1]).get("loss") < before.get("loss"));
        assertArrayEquals(m.predict(d[0]).toFloatArray(), m.predictOnBatch(d[0]).toFloatArray());
        List<Tensor> w = m.getWeights();
        assertEquals(4, w.size());
        Sequential copy = new Sequential(Input.of(2), new Dense(3), new Dense(2, "softmax"));
        copy.setWeights(w);
        assertArrayEquals(m.predict(d[0]).toFloatArray(), copy.predict(d[0]).toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> copy.setWeights(w.subList(0, 3)));
        assertTrue(e.getMessage().contains("expects 4 weights"), e.getMessage());
    }

    @Test void denseAppliesToTheLastAxisOfAnyRank() {
        Sequential m = new Sequential(Input.of(3, 4), new Dense(5));
        Tensor x = Random.uniform(Shape.of(2, 3, 4), -1, 1, io.keras4j.tensor.DType.FLOAT32, 9L);
        Tensor y = m.predict(x);
        assertEquals(Shape.of(2, 3, 5), y.shape());
        Tensor k = m.getWeights().get(0);
        double expect = 0;
        for (int i = 0; i < 4; i++) expect += x.get(1, 2, i) * k.get(i, 3);
        assertEquals(expect, y.get(1, 2, 3), 1e-5);
    }

    @Test void fitBeforeCompileFails() {
        Sequential m = new Sequential(Input.of(2), new Dense(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fit(Tensor.zeros(4, 2), Tensor.zeros(4, 1)));
        assertEquals("You must call `compile()` before using the model.", e.getMessage());
    }

    @Test void mismatchedSampleCountsFail() {
        Sequential m = new Sequential(Input.of(2), new Dense(1));
        m.compile("sgd", "mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(Tensor.zeros(4, 2), Tensor.zeros(3, 1)));
        assertTrue(e.getMessage().contains("'x' sizes: 4") && e.getMessage().contains("'y' sizes: 3"), e.getMessage());
    }

    @Test void incompatibleInputNamesTheLayerAndShapes() {
        Sequential m = new Sequential(new Dense(4));
        m.predict(Tensor.zeros(2, 784));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.zeros(32, 100)));
        assertEquals("Input 0 of layer \"dense\" is incompatible with the layer: expected axis -1 of input shape to have value 784, "
                + "but received input with shape (32, 100)", e.getMessage());
    }

    @Test void invalidArgumentsFailInTheConstructor() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dense(0)).getMessage().contains("units=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0)).getMessage().contains("rate=1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1)).getMessage().contains("rate=-0.1"));
    }

    @Test void nanLossStopsWithEpochAndBatch() {
        Sequential m = new Sequential(Input.of(1), new Dense(1));
        m.compile("sgd", "mse");
        float[] x = {1, 2, 3, 4, Float.NaN, 6, 7, 8};
        InvalidLossException e = assertThrows(InvalidLossException.class,
                () -> m.fit(Tensor.of(x, 8, 1), Tensor.zeros(8, 1), new FitOptions().batchSize(2).shuffle(false).verbose(0)));
        assertEquals(0, e.epoch());
        assertEquals(2, e.batch());
        assertTrue(e.getMessage().contains("epoch 1, batch 2"), e.getMessage());
    }

    @Test void layerLossesAreAddedToTheModelLoss() {
        Sequential m = new Sequential(Input.of(2), new Dense(2).kernelInitializer("ones"),
                new io.keras4j.layers.regularization.ActivityRegularization().l2(0.5));
        m.compile("sgd", "mse");
        Tensor x = Tensor.of(new float[] {1, 2, 0, 1}, 2, 2);
        // Dense with ones kernel: rows [3, 3] and [1, 1]; mse against zeros = (9+9+1+1)/4 = 5;
        // penalty 0.5 * (9+9+1+1) / batch 2 = 5; Keras reports the sum.
        assertEquals(10.0, m.evaluate(x, Tensor.zeros(2, 2), 2, 0).get("loss"), 1e-5);
        assertEquals(10.0, m.trainOnBatch(x, Tensor.zeros(2, 2)).get("loss"), 1e-5);
    }

    @Test void popRemovesTheLastLayer() {
        Sequential m = new Sequential(Input.of(2), new Dense(3), new Dense(4));
        assertEquals("dense_1", m.pop().name());
        assertEquals(1, m.layers().size());
        assertEquals(Shape.of(-1, 3), m.outputShapes().get(0));
    }
}
