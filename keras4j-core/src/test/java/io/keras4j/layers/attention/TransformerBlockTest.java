package io.keras4j.layers.attention;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.merging.Add;
import io.keras4j.layers.normalization.LayerNormalization;
import io.keras4j.layers.pooling.GlobalAveragePooling1D;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Adam;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A Transformer encoder block built with the Functional API learns a task that needs looking at
 * the whole sequence: does token 3 occur anywhere in it? (Half the sequences contain it.)
 */
class TransformerBlockTest {
    private static final int LENGTH = 8, VOCAB = 4, D = 16;

    /** One-hot sequences (n, LENGTH, VOCAB) and labels 1 when token 3 occurs; token 3 is planted in every other sequence. */
    private static Tensor[] data(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n * LENGTH * VOCAB];
        float[] y = new float[n];
        for (int s = 0; s < n; s++) {
            int[] tokens = new int[LENGTH];
            for (int t = 0; t < LENGTH; t++) tokens[t] = r.nextInt(VOCAB - 1);
            if (s % 2 == 0) tokens[r.nextInt(LENGTH)] = VOCAB - 1;
            for (int t = 0; t < LENGTH; t++) x[(s * LENGTH + t) * VOCAB + tokens[t]] = 1;
            y[s] = s % 2 == 0 ? 1 : 0;
        }
        return new Tensor[] {Tensor.of(x, n, LENGTH, VOCAB), Tensor.of(y, n)};
    }

    static KerasTensor encoderBlock(KerasTensor x, int heads, int ff) {
        KerasTensor attended = new MultiHeadAttention(heads, D / heads).apply(x, x);
        KerasTensor h = new LayerNormalization().apply(new Add().apply(x, attended));
        KerasTensor f = new Dense(D).apply(new Dense(ff, "relu").apply(h));
        return new LayerNormalization().apply(new Add().apply(h, f));
    }

    @Test void encoderBlockLearnsToDetectAToken() {
        Random.setSeed(42);
        KerasTensor in = Input.of(LENGTH, VOCAB);
        KerasTensor x = new Dense(D).apply(in);
        KerasTensor pooled = new GlobalAveragePooling1D().apply(encoderBlock(x, 2, 32));
        Model model = new Model(in, new Dense(2, "softmax").apply(pooled));
        model.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");

        Tensor[] train = data(512, 1), test = data(200, 2);
        model.fit(train[0], train[1], new FitOptions().epochs(25).batchSize(32).verbose(0));
        Map<String, Double> result = model.evaluate(test[0], test[1], 50, 0);
        double accuracy = result.get("accuracy");
        assertTrue(accuracy >= 0.9, "held-out accuracy " + accuracy + " (chance is 0.5)");
        // the attention weights trained: training changed the query kernel away from its initial values is implied by the accuracy;
        // the block kept Keras's layout (8 attention weights) among the model's variables
        assertEquals(1, model.layers().stream().filter(l -> l instanceof MultiHeadAttention).count());
        assertEquals(8, model.layers().stream().filter(l -> l instanceof MultiHeadAttention).findFirst().orElseThrow().weights().size());
    }
}
