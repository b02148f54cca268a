package io.keras4j.datasets;

/**
 * numpy's legacy {@code np.random.RandomState(seed)}: the Mersenne Twister MT19937 seeded as numpy
 * seeds it from one integer, and its {@code shuffle}. Keras's loaders shuffle with it before
 * splitting ({@code rng = np.random.RandomState(seed); rng.shuffle(indices)}), so a loader that
 * uses this class splits the data into exactly the rows Keras gives for the same seed.
 */
final class NumpyRandomState {
    private static final int N = 624, M = 397;
    private final int[] mt = new int[N];
    private int mti;

    /** {@code RandomState(seed)} for an integer seed in [0, 2**32 - 1], as numpy accepts it. */
    NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("Argument `seed` must be between 0 and 2**32 - 1. Received: seed=" + seed);
        }
        // numpy seeds from a scalar with MT19937's init_genrand, not init_by_array.
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        mti = N;
    }

    /** The next 32 random bits, as an unsigned value. */
    long nextUint32() {
        if (mti >= N) twist();
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        mti = 0;
    }

    /** A uniform integer in [0, max] by masked rejection, numpy's legacy {@code random_interval}. */
    long interval(long max) {
        if (max == 0) return 0;
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** Shuffles in place as {@code RandomState.shuffle} shuffles a 1-D array (Fisher-Yates from the end). */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code indices = np.arange(n); rng.shuffle(indices)}. */
    int[] shuffledIndices(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p);
        return p;
    }
}
