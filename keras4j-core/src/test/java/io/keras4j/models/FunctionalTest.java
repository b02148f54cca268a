package io.keras4j.models;

import io.keras4j.callbacks.History;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.merging.Add;
import io.keras4j.layers.merging.Concatenate;
import io.keras4j.losses.Losses;
import io.keras4j.optimizers.Adam;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FunctionalTest {
    @BeforeEach void reset() {
        Layer.clearSession();
        Random.setSeed(0);
    }

    @Test void aChainBuiltFunctionallyComputesWhatSequentialDoes() {
        KerasTensor in = Input.of(3);
        Dense d1 = new Dense(4, "relu"), d2 = new Dense(2);
        Model m = new Model(in, d2.apply(d1.apply(in)));
        Sequential s = new Sequential(Input.of(3), new Dense(4, "relu"), new Dense(2));
        s.setWeights(m.getWeights());
        Tensor x = Random.uniform(Shape.of(5, 3), -1, 1, DType.FLOAT32, 1L);
        assertArrayEquals(s.predict(x).toFloatArray(), m.predict(x).toFloatArray());
        assertEquals(3, m.layers().size(), "input layer, dense, dense_1");
        assertEquals("input_layer", m.getLayer(0).name());
        assertSame(d2, m.getLayer("dense_1"));
        String summary = m.summaryString();
        assertFalse(summary.contains("Connected to"), summary);
        assertTrue(summary.contains("│ input_layer (InputLayer) "), summary);
    }

    @Test void multiInputMultiOutputTrainsWithPerOutputLossesAndLogs() {
        KerasTensor a = Input.of(Shape.of(4), DType.FLOAT32, "a"), b = Input.of(Shape.of(2), DType.FLOAT32, "b");
        KerasTensor h = new Dense(8, "relu").apply(new Concatenate().apply(a, b));
        KerasTensor cls = new Dense(3, "softmax").name("cls").apply(h);
        KerasTensor reg = new Dense(1).name("reg").apply(h);
        Model m = new Model(List.of(a, b), List.of(cls, reg));
        assertEquals(List.of("cls", "reg"), m.outputNames());
        assertEquals(List.of("a", "b"), m.inputNames());
        m.compile(new Adam(), List.of(Losses.get("sparse_categorical_crossentropy"), Losses.get("mse")), List.of(1.0, 0.5),
                List.of(List.of("accuracy"), List.of("mae")));
        int n = 64;
        Tensor xa = Random.normal(Shape.of(n, 4), 0, 1, DType.FLOAT32, 2L), xb = Random.normal(Shape.of(n, 2), 0, 1, DType.FLOAT32, 3L);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = xa.getDouble(i * 4) > 0 ? 1 : 0;
        Tensor yCls = Tensor.ofInts(labels, n), yReg = Random.normal(Shape.of(n, 1), 0, 1, DType.FLOAT32, 4L);
        History h1 = m.fit(List.of(xa, xb), List.of(yCls, yReg), new FitOptions().epochs(3).verbose(0).validationSplit(0.25));
        assertEquals(List.of("cls_accuracy", "cls_loss", "loss", "reg_loss", "reg_mae",
                "val_cls_accuracy", "val_cls_loss", "val_loss", "val_reg_loss", "val_reg_mae"), List.copyOf(h1.history().keySet()));
        Map<String, Double> ev = m.evaluate(List.of(xa, xb), List.of(yCls, yReg), 16, 0);
        // The total is the weighted sum of the per-output losses.
        assertEquals(ev.get("cls_loss") + 0.5 * ev.get("reg_loss"), ev.get("loss"), 1e-5);
        Map<String, Double> byName = m.evaluate(Map.of("a", xa, "b", xb), Map.of("cls", yCls, "reg", yReg), 16, 0);
        assertEquals(ev.get("loss"), byName.get("loss"), 1e-9);
        List<Tensor> preds = m.predictAll(List.of(xa, xb));
        assertEquals(Shape.of(n, 3), preds.get(0).shape());
        assertEquals(Shape.of(n, 1), preds.get(1).shape());
        assertArrayEquals(preds.get(1).toFloatArray(), m.predict(Map.of("a", xa, "b", xb)).get("reg").toFloatArray());
        String summary = m.summaryString();
        assertTrue(summary.contains("Connected to"), summary);
        assertTrue(summary.contains("a[0][0], b[0][0]"), summary);
        assertTrue(summary.matches("(?s).*│ a \\(InputLayer\\) +│ \\(None, 4\\) +│ +0 │ - +│.*"), summary);
        for (String line : summary.split("\n")) if (line.startsWith("│")) assertEquals(108, line.length(), line);
    }

    @Test void aSharedLayerHasOneSetOfWeights() {
        KerasTensor a = Input.of(3), b = Input.of(3);
        Dense shared = new Dense(2);
        Model m = new Model(List.of(a, b), List.of(new Add().apply(shared.apply(a), shared.apply(b))));
        assertEquals(2, m.weights().size());
        Tensor x1 = Tensor.of(new float[] {1, 2, 3}, 1, 3), x2 = Tensor.of(new float[] {-1, 0, 2}, 1, 3);
        float[] want = io.keras4j.ops.Ops.add(shared.apply(x1), shared.apply(x2)).toFloatArray();
        assertArrayEquals(want, m.predictAll(List.of(x1, x2)).get(0).toFloatArray(), 1e-6f);
        assertTrue(m.summaryString().contains("dense[0][0], dense[1][0]"), m.summaryString());
    }

    @Test void aModelIsALayerInsideAnotherModel() {
        KerasTensor in = Input.of(4);
        Model inner = new Model(in, new Dense(3, "tanh").apply(in));
        KerasTensor outerIn = Input.of(4);
        Model outer = new Model(outerIn, new Dense(1).apply(inner.apply(outerIn)));
        assertEquals(4, outer.weights().size());
        Tensor x = Random.uniform(Shape.of(2, 4), -1, 1, DType.FLOAT32, 5L);
        Tensor viaInner = outer.getLayer(2).apply(inner.predict(x));
        assertArrayEquals(viaInner.toFloatArray(), outer.predict(x).toFloatArray(), 1e-6f);
        outer.compile("sgd", "mse");
        float before = inner.getWeights().get(0).toFloatArray()[0];
        outer.fit(x, Tensor.ones(2, 1), new FitOptions().epochs(1).verbose(0));
        assertNotEquals(before, inner.getWeights().get(0).toFloatArray()[0], "training the outer model trains the inner one");
    }

    @Test void freezingAModelFreezesItsLayers() {
        KerasTensor in = Input.of(4);
        Model inner = new Model(in, new Dense(3).apply(in));
        KerasTensor outerIn = Input.of(4);
        Model outer = new Model(outerIn, new Dense(1).apply(inner.apply(outerIn)));
        inner.trainable(false);
        assertEquals(2, outer.trainableVariables().size(), "only the outer Dense trains");
        assertEquals(2, outer.nonTrainableVariables().size());
        inner.trainable(true);
        assertEquals(4, outer.trainableVariables().size());
    }

    @Test void aDisconnectedGraphIsRefused() {
        KerasTensor a = Input.of(2), b = Input.of(2);
        KerasTensor sum = new Add().apply(a, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Model(List.of(a), List.of(sum)));
        assertTrue(e.getMessage().contains("disconnected") && e.getMessage().contains("input_layer_1"), e.getMessage());
        KerasTensor d = new Dense(2).apply(a);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> new Model(d, d));
        assertTrue(e2.getMessage().contains("keras.Input"), e2.getMessage());
    }

    @Test void wrongInputCountOrShapeIsReported() {
        KerasTensor a = Input.of(2);
        Model m = new Model(a, new Dense(1).apply(a));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("expected shape=(None, 2), found shape=(3, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.predictAll(List.of(Tensor.zeros(3, 2), Tensor.zeros(3, 2))));
    }
}
