package io.keras4j.wrappers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation that keeps each class's share in every fold, as scikit-learn's
 * {@code StratifiedKFold} (its allocation since 0.22): the labels are sorted by class, dealt to the
 * folds in turn ({@code sorted[i::nSplits]} goes to fold {@code i}), which fixes how many samples of
 * each class every fold gets; which samples of a class go where follows their order, or a shuffle
 * of the class's fold assignments when {@code shuffle(true)}.
 */
public final class StratifiedKFold implements CrossValidator {
    private final int nSplits;
    private boolean shuffle;
    private Long seed;

    public StratifiedKFold() { this(5); }

    public StratifiedKFold(int nSplits) { this.nSplits = KFold.checkSplits(nSplits); }

    public StratifiedKFold shuffle(boolean value) {
        shuffle = value;
        return this;
    }

    public StratifiedKFold seed(long value) {
        seed = value;
        return this;
    }

    @Override public int nSplits() { return nSplits; }

    /** The folds for the class labels {@code y}. */
    public List<Fold> split(int[] y) {
        if (y == null) throw new IllegalArgumentException("StratifiedKFold needs the class labels `y`. Received: y=null");
        return split(y.length, y);
    }

    @Override public List<Fold> split(int nSamples, int[] classes) {
        KFold.checkSeed(shuffle, seed);
        if (classes == null) {
            throw new IllegalArgumentException("Supported target types are: ('binary', 'multiclass'). Got 'continuous' instead. Use KFold for targets that are not class labels.");
        }
        if (classes.length != nSamples) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: [" + nSamples + ", " + classes.length + "]");
        }
        if (nSplits > nSamples) {
            throw new IllegalArgumentException("Cannot have number of splits n_splits=" + nSplits + " greater than the number of samples: n_samples=" + nSamples + ".");
        }
        // Classes numbered in order of first appearance, as scikit-learn encodes them.
        Map<Integer, Integer> code = new LinkedHashMap<>();
        int[] enc = new int[nSamples];
        for (int i = 0; i < nSamples; i++) enc[i] = code.computeIfAbsent(classes[i], k -> code.size());
        int nClasses = code.size();
        int[] counts = new int[nClasses];
        for (int c : enc) counts[c]++;
        int min = Integer.MAX_VALUE;
        boolean allSmaller = true;
        for (int c : counts) {
            min = Math.min(min, c);
            allSmaller &= nSplits > c;
        }
        if (allSmaller) {
            throw new IllegalArgumentException("n_splits=" + nSplits + " cannot be greater than the number of members in each class.");
        }
        if (nSplits > min) {
            System.err.println("UserWarning: The least populated class in y has only " + min + " members, which is less than n_splits=" + nSplits + ".");
        }
        // allocation[f][c]: how many of class c fold f tests, from dealing the class-sorted labels round-robin.
        int[][] allocation = new int[nSplits][nClasses];
        int pos = 0;
        for (int c = 0; c < nClasses; c++) {
            for (int k = 0; k < counts[c]; k++, pos++) allocation[pos % nSplits][c]++;
        }
        SplittableRandom rng = shuffle ? new SplittableRandom(seed != null ? seed : io.keras4j.random.Random.nextSeed()) : null;
        int[] foldOf = new int[nSamples];
        for (int c = 0; c < nClasses; c++) {
            List<Integer> assignment = new ArrayList<>();
            for (int f = 0; f < nSplits; f++) for (int k = 0; k < allocation[f][c]; k++) assignment.add(f);
            int[] a = assignment.stream().mapToInt(Integer::intValue).toArray();
            if (rng != null) KFold.shuffleInPlace(a, rng);
            int k = 0;
            for (int i = 0; i < nSamples; i++) if (enc[i] == c) foldOf[i] = a[k++];
        }
        return KFold.folds(foldOf, nSplits);
    }

    @Override public String toString() { return "StratifiedKFold(n_splits=" + nSplits + ", random_state=" + seed + ", shuffle=" + (shuffle ? "True" : "False") + ")"; }
}
