package io.keras4j.datasets;

import io.keras4j.tensor.DType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * imdb.load_data's rules from keras/src/datasets/imdb.py, on a 7 + 5 review file written by numpy:
 * shuffle order of np.random.RandomState(113) (train [1, 3, 0, 6, 2, 4, 5], then test [2, 3, 4, 1, 0]),
 * start mark, index offset, maxlen (strictly shorter), num_words / skip_top / oov.
 */
class ImdbTest {
    @TempDir Path tmp;
    Path file;

    @BeforeEach
    void writeFile() throws IOException {
        file = tmp.resolve("imdb.npz");
        NumpyFiles.python("import numpy as np\n"
                + "def obj(rows):\n"
                + "    a = np.empty(len(rows), dtype=object)\n"
                + "    for i, r in enumerate(rows): a[i] = r\n"
                + "    return a\n"
                + "xtr = obj([[i + 1] * (i % 3 + 1) for i in range(7)])\n"
                + "xte = obj([[j + 1, 40] for j in range(5)])\n"
                + "np.savez(r'" + file + "', x_train=xtr, y_train=np.array([0, 1, 0, 1, 0, 1, 0]), x_test=xte, y_test=np.array([1, 1, 0, 0, 1]))\n");
    }

    @Test
    void defaultsShuffleMarkAndOffset() {
        SequenceSplit s = new Imdb().loadData(file);
        List<int[]> x = s.xTrain();
        assertEquals(7, x.size());
        assertArrayEquals(new int[] {1, 5, 5}, x.get(0));     // review 1: [2, 2]
        assertArrayEquals(new int[] {1, 7}, x.get(1));        // review 3: [4]
        assertArrayEquals(new int[] {1, 9, 9, 9}, x.get(6));  // review 5: [6, 6, 6]
        assertEquals(DType.INT64, s.yTrain().dtype());
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 0, 1}, s.yTrain().toIntArray());
        // Test reviews [j+1, 40] -> [1, j+4, 43]; without num_words the largest index (43) is itself cut (w < num_words).
        assertArrayEquals(new int[] {1, 6, 2}, s.xTest().get(0));
        assertArrayEquals(new int[] {0, 0, 1, 1, 1}, s.yTest().toIntArray());
    }

    @Test
    void numWordsAndSkipTopBecomeOov() {
        SequenceSplit s = new Imdb().numWords(8).skipTop(4).loadData(file);
        assertArrayEquals(new int[] {2, 5, 5}, s.xTrain().get(0)); // the start mark 1 < skip_top too
        assertArrayEquals(new int[] {2, 2, 2, 2}, s.xTrain().get(6)); // 9 >= num_words
    }

    @Test
    void maxlenKeepsStrictlyShorterSequences() {
        SequenceSplit s = new Imdb().maxlen(4).loadData(file);
        assertEquals(5, s.xTrain().size());
        assertArrayEquals(new int[] {1, 1, 0, 0, 0}, s.yTrain().toIntArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Imdb().maxlen(3).loadData(file));
        assertEquals("After filtering for sequences shorter than maxlen=3, no sequence was kept. Increase maxlen.", e.getMessage());
    }

    @Test
    void noStartMarkNoOffsetAndDroppedOov() {
        SequenceSplit s = new Imdb().startChar(null).indexFrom(0).oovChar(null).numWords(8).loadData(file);
        assertArrayEquals(new int[] {2, 2}, s.xTrain().get(0));
        assertArrayEquals(new int[] {3}, s.xTest().get(0)); // 40 dropped
    }

    @Test
    void anotherSeedAnotherOrder() {
        // np.random.RandomState(0).shuffle(np.arange(7)) -> [6, 2, 1, 3, 0, 5, 4]: review 6 ([7]) comes first.
        assertArrayEquals(new int[] {1, 10}, new Imdb().seed(0).loadData(file).xTrain().get(0));
    }

    @Test
    void wordIndexIsJson() throws IOException {
        Path json = tmp.resolve("imdb_word_index.json");
        Files.writeString(json, "{\"the\": 1, \"and\": 2, \"fawn\": 34701}");
        assertEquals(34701, Imdb.readWordIndex(json).get("fawn"));
    }
}
