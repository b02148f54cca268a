package io.keras4j.wrappers;

import io.keras4j.datasets.Iris;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StratifiedKFoldTest {
    @Test void scikitLearnDocumentedExample() {
        // scikit-learn's StratifiedKFold docstring: y = [0, 0, 1, 1], n_splits=2.
        List<CrossValidator.Fold> f = new StratifiedKFold(2).split(new int[] {0, 0, 1, 1});
        assertArrayEquals(new int[] {1, 3}, f.get(0).train());
        assertArrayEquals(new int[] {0, 2}, f.get(0).test());
        assertArrayEquals(new int[] {0, 2}, f.get(1).train());
        assertArrayEquals(new int[] {1, 3}, f.get(1).test());
    }

    private static int[] classCounts(int[] y, int[] rows) {
        int[] c = new int[3];
        for (int r : rows) c[y[r]]++;
        return c;
    }

    /**
     * Iris, 3 classes of 50, 3 folds. Dealing the 150 class-sorted labels round-robin gives fold 0
     * positions 0,3,...,147: 17 of class 0 (0..48), 17 of class 1 (51..99), 16 of class 2 (102..147);
     * likewise fold 1 gets 17/16/17 and fold 2 16/17/17, shuffled or not.
     */
    @Test void irisFoldsKeepClassProportionsExactly() {
        int[] y = Iris.loadData().y().toIntArray();
        int[][] expected = {{17, 17, 16}, {17, 16, 17}, {16, 17, 17}};
        for (StratifiedKFold cv : new StratifiedKFold[] {new StratifiedKFold(3), new StratifiedKFold(3).shuffle(true).seed(0)}) {
            List<CrossValidator.Fold> folds = cv.split(y);
            int[] tested = new int[150];
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(expected[k], classCounts(y, folds.get(k).test()), cv + " fold " + k);
                int[] train = classCounts(y, folds.get(k).train());
                for (int c = 0; c < 3; c++) assertEquals(50 - expected[k][c], train[c]);
                for (int i : folds.get(k).test()) tested[i]++;
            }
            for (int t : tested) assertEquals(1, t);
        }
    }

    @Test void shuffleIsReproducibleAndMovesSamples() {
        int[] y = Iris.loadData().y().toIntArray();
        List<CrossValidator.Fold> a = new StratifiedKFold(3).shuffle(true).seed(5).split(y);
        List<CrossValidator.Fold> b = new StratifiedKFold(3).shuffle(true).seed(5).split(y);
        List<CrossValidator.Fold> plain = new StratifiedKFold(3).split(y);
        for (int k = 0; k < 3; k++) assertArrayEquals(a.get(k).test(), b.get(k).test());
        assertFalse(java.util.Arrays.equals(a.get(0).test(), plain.get(0).test()));
        // Unshuffled, each class's first members go to the first fold: flowers 0..16 of setosa.
        for (int i = 0; i < 17; i++) assertEquals(i, plain.get(0).test()[i]);
    }

    @Test void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(3).split(new int[] {0, 0, 1, 1}));
        assertEquals("n_splits=3 cannot be greater than the number of members in each class.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(2).split(4, null));
        assertTrue(e.getMessage().startsWith("Supported target types are: ('binary', 'multiclass'). Got 'continuous' instead."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(1));
        assertTrue(e.getMessage().endsWith("got n_splits=1."));
        e = assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(5).split(new int[] {0, 1, 0}));
        assertEquals("Cannot have number of splits n_splits=5 greater than the number of samples: n_samples=3.", e.getMessage());
    }
}
