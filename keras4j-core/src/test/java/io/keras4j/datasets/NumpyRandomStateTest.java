package io.keras4j.datasets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Against numpy 2.4: the values printed by {@code np.random.RandomState(seed)} and its {@code shuffle}. */
class NumpyRandomStateTest {

    @Test
    void mersenneTwisterReferenceOutputs() {
        // MT19937's reference implementation with init_genrand(5489): 3499211612, 581869302, 3890346734.
        NumpyRandomState r = new NumpyRandomState(5489);
        assertEquals(3499211612L, r.nextUint32());
        assertEquals(581869302L, r.nextUint32());
        assertEquals(3890346734L, r.nextUint32());
    }

    @Test
    void shuffleMatchesNumpy() {
        // rng = np.random.RandomState(113); idx = np.arange(10); rng.shuffle(idx)
        assertArrayEquals(new int[] {9, 3, 6, 1, 0, 7, 4, 8, 2, 5}, new NumpyRandomState(113).shuffledIndices(10));
        assertArrayEquals(new int[] {2, 0, 1, 3, 4}, new NumpyRandomState(0).shuffledIndices(5));
        int[] boston = new NumpyRandomState(113).shuffledIndices(506);
        assertArrayEquals(new int[] {22, 202, 368, 335, 461, 323, 382, 143, 146, 141, 402, 412}, java.util.Arrays.copyOf(boston, 12));
        int[] digits = new NumpyRandomState(42).shuffledIndices(1797);
        assertArrayEquals(new int[] {1245, 220, 1518, 438, 1270, 832, 692, 1309, 1101, 1742, 787, 677}, java.util.Arrays.copyOf(digits, 12));
    }

    @Test
    void consecutiveShufflesContinueTheStream() {
        // As imdb.load_data shuffles the training then the test indices with one RandomState(113).
        NumpyRandomState r = new NumpyRandomState(113);
        assertArrayEquals(new int[] {1, 3, 0, 6, 2, 4, 5}, r.shuffledIndices(7));
        assertArrayEquals(new int[] {2, 3, 4, 1, 0}, r.shuffledIndices(5));
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertEquals("Argument `seed` must be between 0 and 2**32 - 1. Received: seed=-1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
    }
}
