package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;

/**
 * The split Keras's regression loaders make ({@code boston_housing}, {@code california_housing}):
 * shuffle the rows with {@code np.random.RandomState(seed)}, then the first
 * {@code int(n * (1 - test_split))} rows are the training set and the rest the test set.
 */
final class ShuffledSplit {
    private ShuffledSplit() {}

    static Split of(Tensor x, Tensor y, double testSplit, long seed) {
        checkTestSplit(testSplit);
        int n = x.shape().dim(0);
        int[] order = new NumpyRandomState(seed).shuffledIndices(n);
        int nTrain = (int) (n * (1 - testSplit));
        int[] train = java.util.Arrays.copyOfRange(order, 0, nTrain);
        int[] test = java.util.Arrays.copyOfRange(order, nTrain, n);
        return new Split(rows(x, train), rows(y, train), rows(x, test), rows(y, test));
    }

    /** Keras's check and message for {@code test_split}: 0 allowed, 1 not. */
    static void checkTestSplit(double testSplit) {
        if (!(testSplit >= 0 && testSplit < 1)) {
            throw new IllegalArgumentException("Invalid `test_split` argument: " + testSplit + ". It must be between 0 and 1 (exclusive of 1).");
        }
    }

    /** The given rows (first-axis entries) of a row-major tensor, copied, in the given order. */
    static Tensor rows(Tensor t, int[] rows) {
        int width = t.shape().dim(0) == 0 ? 0 : t.size() / t.shape().dim(0);
        Object src = t.data();
        Object dst = t.dtype().allocate(rows.length * width);
        for (int k = 0; k < rows.length; k++) System.arraycopy(src, rows[k] * width, dst, k * width, width);
        return Tensor.wrap(dst, t.shape().withDim(0, rows.length));
    }

    /** The first {@code n} rows. */
    static Tensor head(Tensor t, int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return rows(t, r);
    }
}
