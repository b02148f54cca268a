package io.keras4j.callbacks;

import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.regularization.Dropout;
import io.keras4j.models.Sequential;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Small models, data and a capture of the callbacks' warnings, for the callback tests. */
final class Fixtures {
    private Fixtures() {}

    /** A regression problem: y = x·[1, -2, 0.5] + 0.3 + noise, n rows of 3 features. */
    static Tensor[] regression(int n, long seed) {
        float[] x = Random.normal(Shape.of(n, 3), 0, 1, DType.FLOAT32, seed).toFloatArray();
        float[] noise = Random.normal(Shape.of(n, 1), 0, 0.1, DType.FLOAT32, seed + 1).toFloatArray();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = x[3 * i] - 2 * x[3 * i + 1] + 0.5f * x[3 * i + 2] + 0.3f + noise[i];
        return new Tensor[] {Tensor.of(x, n, 3), Tensor.of(y, n, 1)};
    }

    /** An MLP with dropout, so that fit draws both a shuffle order and dropout masks. */
    static Sequential mlp() {
        Sequential m = new Sequential(Input.of(3), new Dense(8, "relu"), new Dropout(0.25), new Dense(1));
        m.compile("adam", "mse");
        return m;
    }

    static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new java.util.TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return m;
    }

    static void assertSameWeights(List<Tensor> expected, List<Tensor> actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected.get(i).toFloatArray(), actual.get(i).toFloatArray(), "weight " + i);
        }
    }

    /** Collects the warnings the callbacks log while open. */
    static final class Warnings implements AutoCloseable {
        final List<String> messages = new ArrayList<>();
        private final Logger logger = Logger.getLogger("io.keras4j.callbacks");
        private final Handler handler = new Handler() {
            @Override public void publish(LogRecord r) { messages.add(r.getMessage()); }
            @Override public void flush() {}
            @Override public void close() {}
        };

        Warnings() { logger.addHandler(handler); }

        @Override public void close() { logger.removeHandler(handler); }
    }
}
