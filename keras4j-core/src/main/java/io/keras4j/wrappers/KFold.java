package io.keras4j.wrappers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation, as scikit-learn's {@code KFold}: the samples (shuffled first when asked)
 * are cut into {@code nSplits} consecutive folds, the first {@code n % nSplits} of them one sample
 * larger; each fold is the test set once, the others the training set. Indices come sorted.
 * <pre>{@code new KFold(5).shuffle(true).seed(42)}</pre>
 */
public final class KFold implements CrossValidator {
    private final int nSplits;
    private boolean shuffle;
    private Long seed;

    /** scikit-learn's default is 5 folds. */
    public KFold() { this(5); }

    public KFold(int nSplits) {
        this.nSplits = checkSplits(nSplits);
    }

    static int checkSplits(int nSplits) {
        if (nSplits < 2) {
            throw new IllegalArgumentException("k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=" + nSplits + ".");
        }
        return nSplits;
    }

    /** Shuffles the samples before cutting the folds (off by default, as scikit-learn). */
    public KFold shuffle(boolean value) {
        shuffle = value;
        return this;
    }

    /** The shuffling seed (scikit-learn's {@code random_state}); only with {@code shuffle(true)}. */
    public KFold seed(long value) {
        seed = value;
        return this;
    }

    @Override public int nSplits() { return nSplits; }

    /** The folds of {@code nSamples} samples. */
    public List<Fold> split(int nSamples) { return split(nSamples, null); }

    @Override public List<Fold> split(int nSamples, int[] classes) {
        checkSeed(shuffle, seed);
        if (nSplits > nSamples) {
            throw new IllegalArgumentException("Cannot have number of splits n_splits=" + nSplits + " greater than the number of samples: n_samples=" + nSamples + ".");
        }
        int[] order = new int[nSamples];
        for (int i = 0; i < nSamples; i++) order[i] = i;
        if (shuffle) shuffleInPlace(order, new SplittableRandom(seed != null ? seed : io.keras4j.random.Random.nextSeed()));
        int[] foldOf = new int[nSamples];
        int pos = 0;
        for (int f = 0; f < nSplits; f++) {
            int size = nSamples / nSplits + (f < nSamples % nSplits ? 1 : 0);
            for (int k = 0; k < size; k++) foldOf[order[pos++]] = f;
        }
        return folds(foldOf, nSplits);
    }

    static void checkSeed(boolean shuffle, Long seed) {
        if (!shuffle && seed != null) {
            throw new IllegalArgumentException("Setting a random_state has no effect since shuffle is False. You should leave random_state to its default (None), or set shuffle=True.");
        }
    }

    static void shuffleInPlace(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The folds given each sample's test fold; both index lists ascending. */
    static List<Fold> folds(int[] foldOf, int nSplits) {
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < nSplits; f++) {
            int nTest = 0;
            for (int v : foldOf) if (v == f) nTest++;
            int[] test = new int[nTest], train = new int[foldOf.length - nTest];
            int a = 0, b = 0;
            for (int i = 0; i < foldOf.length; i++) {
                if (foldOf[i] == f) test[a++] = i;
                else train[b++] = i;
            }
            out.add(new Fold(train, test));
        }
        return out;
    }

    @Override public String toString() { return "KFold(n_splits=" + nSplits + ", random_state=" + seed + ", shuffle=" + (shuffle ? "True" : "False") + ")"; }
}
