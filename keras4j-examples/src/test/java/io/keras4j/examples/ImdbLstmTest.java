package io.keras4j.examples;

import io.keras4j.callbacks.History;
import io.keras4j.models.Model;
import io.keras4j.tensor.Tensor;
import io.keras4j.utils.SequenceUtils;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The IMDB example's model and training code on made-up reviews (the real set is a download). */
class ImdbLstmTest {

    @Test
    void kerasExampleModelHasItsParameterCount() {
        // keras.io's bidirectional_lstm_imdb summary: Total params: 2,757,761
        assertEquals(2_757_761L, ImdbLstm.build(ImdbLstm.MAX_FEATURES).countParams());
    }

    @Test
    void trainsOnPaddedSequences() {
        // Reviews that contain word 7 are "positive": learnable from the embeddings.
        SplittableRandom r = new SplittableRandom(3);
        List<int[]> xs = new ArrayList<>();
        long[] ys = new long[64];
        for (int i = 0; i < 64; i++) {
            int[] s = new int[5 + r.nextInt(20)];
            for (int k = 0; k < s.length; k++) s[k] = 8 + r.nextInt(40);
            if (i % 2 == 0) s[r.nextInt(s.length)] = 7;
            ys[i] = i % 2 == 0 ? 1 : 0;
            xs.add(s);
        }
        Tensor x = SequenceUtils.padSequences(xs, 24);
        Tensor y = Tensor.ofLongs(ys, 64);
        Model model = ImdbLstm.build(50);
        History h = ImdbLstm.train(model, x, y, x, y, 3, 0);
        List<Double> loss = h.history().get("loss");
        assertEquals(3, loss.size());
        assertTrue(loss.get(2) < loss.get(0), "the loss falls: " + loss);
        assertEquals(3, h.history().get("val_accuracy").size());
    }
}
