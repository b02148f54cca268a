package io.keras4j.wrappers;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class KFoldTest {
    @Test void scikitLearnDocumentedExample() {
        // scikit-learn's KFold docstring: 4 samples, n_splits=2 -> test [0 1], then [2 3].
        List<CrossValidator.Fold> f = new KFold(2).split(4);
        assertArrayEquals(new int[] {2, 3}, f.get(0).train());
        assertArrayEquals(new int[] {0, 1}, f.get(0).test());
        assertArrayEquals(new int[] {0, 1}, f.get(1).train());
        assertArrayEquals(new int[] {2, 3}, f.get(1).test());
    }

    @Test void firstFoldsTakeTheRemainder() {
        // "The first n_samples % n_splits folds have size n_samples // n_splits + 1."
        List<CrossValidator.Fold> f = new KFold(3).split(10);
        assertArrayEquals(new int[] {0, 1, 2, 3}, f.get(0).test());
        assertArrayEquals(new int[] {4, 5, 6}, f.get(1).test());
        assertArrayEquals(new int[] {7, 8, 9}, f.get(2).test());
        assertArrayEquals(new int[] {0, 1, 2, 3, 7, 8, 9}, f.get(1).train());
        assertEquals(5, new KFold().nSplits());
    }

    @Test void shuffledFoldsPartitionTheSamplesReproducibly() {
        List<CrossValidator.Fold> a = new KFold(3).shuffle(true).seed(42).split(20);
        List<CrossValidator.Fold> b = new KFold(3).shuffle(true).seed(42).split(20);
        int[] seen = new int[20];
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(a.get(k).test(), b.get(k).test());
            assertEquals(k == 0 ? 7 : k == 1 ? 7 : 6, a.get(k).test().length);
            for (int i : a.get(k).test()) seen[i]++;
            assertEquals(20, a.get(k).test().length + a.get(k).train().length);
            int[] sorted = a.get(k).test().clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, a.get(k).test(), "indices come sorted");
        }
        for (int s : seen) assertEquals(1, s, "every sample is tested exactly once");
        assertFalse(Arrays.equals(new int[] {0, 1, 2, 3, 4, 5, 6}, a.get(0).test()), "shuffle(true) did not shuffle");
    }

    @Test void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KFold(1));
        assertEquals("k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=1.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KFold(5).split(3));
        assertEquals("Cannot have number of splits n_splits=5 greater than the number of samples: n_samples=3.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KFold(2).seed(1).split(4));
        assertTrue(e.getMessage().startsWith("Setting a random_state has no effect since shuffle is False."), e.getMessage());
    }
}
