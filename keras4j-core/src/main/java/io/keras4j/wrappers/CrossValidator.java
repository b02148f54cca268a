package io.keras4j.wrappers;

import java.util.List;

/**
 * A way to split samples into training and test folds for cross-validation (scikit-learn's
 * "CV splitter"): {@link KFold}, {@link StratifiedKFold}.
 */
public interface CrossValidator {
    /** One split: the row indices to train on and to score on. */
    record Fold(int[] train, int[] test) {}

    /** The number of folds {@link #split} gives. */
    int nSplits();

    /**
     * The folds for {@code nSamples} samples whose class labels are {@code classes} (null when the
     * targets are not class labels; a splitter that needs them then fails).
     */
    List<Fold> split(int nSamples, int[] classes);
}
