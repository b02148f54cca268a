package io.keras4j.utils;

import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RandomSeedTest {

    private static float[] draw() {
        Tensor t = Random.normal(Shape.of(8), 0, 1, DType.FLOAT32, null);
        return t.toFloatArray();
    }

    @Test
    void sameSeedRepeatsUnseededDraws() {
        RandomSeed.setRandomSeed(1337);
        float[] a = draw();
        int[] p = Random.permutation(10, null);
        RandomSeed.setRandomSeed(1337);
        assertArrayEquals(a, draw());
        assertArrayEquals(p, Random.permutation(10, null));
    }

    @Test
    void otherSeedGivesOtherDraws() {
        RandomSeed.setRandomSeed(1);
        float[] a = draw();
        RandomSeed.setRandomSeed(2);
        assertFalse(java.util.Arrays.equals(a, draw()));
    }
}
