package io.keras4j.layers.attention;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Embedding;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Model;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Masks that come with the inputs (Embedding mask_zero) reach the attention layers inside a model, as in Keras. */
class MaskedAttentionTest {
    @BeforeEach void reset() {
        Layer.clearSession();
        Random.setSeed(4);
    }

    private static final Tensor TOKENS = Tensor.ofInts(new int[] {3, 1, 4, 0, 0, 2, 5, 0, 0, 0}, 2, 5);

    @Test void multiHeadAttentionUsesQueryAndValueMasks() {
        KerasTensor in = Input.of(Shape.of(5), DType.INT32, null);
        Embedding emb = new Embedding(6, 4).maskZero(true);
        MultiHeadAttention mha = new MultiHeadAttention(2, 3);
        KerasTensor e = emb.apply(in);
        Model m = new Model(in, mha.apply(e, e));
        Tensor got = m.predict(TOKENS);

        // The same by hand: attention mask = query_mask[:, :, None] & value_mask[:, None, :].
        Tensor x = emb.apply(TOKENS);
        float[] mask = new float[2 * 5 * 5];
        int[] t = TOKENS.toIntArray();
        for (int b = 0; b < 2; b++) for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) {
            mask[(b * 5 + i) * 5 + j] = t[b * 5 + i] != 0 && t[b * 5 + j] != 0 ? 1 : 0;
        }
        Tensor want = mha.callWithMask(x, x, null, Tensor.of(mask, 2, 5, 5), false, false).get(0);
        assertArrayEquals(want.toFloatArray(), got.toFloatArray(), 1e-6f);
        Tensor unmasked = mha.callWithMask(x, x, null, null, false, false).get(0);
        assertFalse(java.util.Arrays.equals(unmasked.toFloatArray(), got.toFloatArray()), "the mask must change the result");
    }

    @Test void dotProductAttentionUsesTheValueMask() {
        KerasTensor in = Input.of(Shape.of(5), DType.INT32, null);
        Embedding emb = new Embedding(6, 4).maskZero(true);
        Attention att = new Attention();
        KerasTensor e = emb.apply(in);
        Model m = new Model(in, att.apply(e, e));
        Tensor x = emb.apply(TOKENS);
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 0, 0, 1, 1, 0, 0, 0}, 2, 5);
        Tensor want = att.callWithMask(x, x, null, mask, mask, false, false).get(0);
        assertArrayEquals(want.toFloatArray(), m.predict(TOKENS).toFloatArray(), 1e-6f);
    }
}
