package io.keras4j.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** reuters.load_data's rules on 10 wires written by numpy; np.random.RandomState(113) orders them [9, 3, 6, 1, 0, 7, 4, 8, 2, 5]. */
class ReutersTest {
    @TempDir Path tmp;

    private Path file() throws IOException {
        Path f = tmp.resolve("reuters.npz");
        NumpyFiles.python("import numpy as np\n"
                + "x = np.empty(10, dtype=object)\n"
                + "for i in range(10): x[i] = [i + 1]\n"
                + "np.savez(r'" + f + "', x=x, y=np.arange(10))\n");
        return f;
    }

    @Test
    void shufflesThenSplitsAtTestSplit() throws IOException {
        SequenceSplit s = new Reuters().loadData(file());
        assertEquals(8, s.xTrain().size()); // int(10 * (1 - 0.2))
        assertArrayEquals(new int[] {9, 3, 6, 1, 0, 7, 4, 8}, s.yTrain().toIntArray());
        assertArrayEquals(new int[] {2, 5}, s.yTest().toIntArray());
        // Wire 9 is [10] -> [1, 13]; 13 is the largest index, cut by "w < num_words" when num_words is None.
        assertArrayEquals(new int[] {1, 2}, s.xTrain().get(0));
        assertArrayEquals(new int[] {1, 7}, s.xTrain().get(1)); // wire 3: [4] -> [1, 4 + 3]
    }

    @Test
    void testSplitAndSeed() throws IOException {
        SequenceSplit s = new Reuters().testSplit(0.5).seed(0).numWords(100).loadData(file());
        assertEquals(5, s.xTrain().size());
        assertEquals(5, s.xTest().size());
        assertEquals(46, Reuters.getLabelNames().size());
        assertEquals("earn", Reuters.getLabelNames().get(3));
    }
}
