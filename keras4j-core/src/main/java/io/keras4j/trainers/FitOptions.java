package io.keras4j.trainers;

import io.keras4j.callbacks.Callback;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fit}'s keyword arguments, as chained setters with Keras's defaults:
 * {@code model.fit(x, y, new FitOptions().epochs(10).batchSize(128).validationSplit(0.1))}.
 */
public final class FitOptions {
    int batchSize = 32;
    int epochs = 1;
    int verbose = 1;
    double validationSplit = 0;
    List<Tensor> validationX;
    List<Tensor> validationY;
    boolean shuffle = true;
    int initialEpoch = 0;
    final List<Callback> callbacks = new ArrayList<>();

    public FitOptions batchSize(int value) {
        if (value <= 0) throw new IllegalArgumentException("Argument `batch_size` must be a positive integer. Received: batch_size=" + value);
        batchSize = value;
        return this;
    }

    public FitOptions epochs(int value) {
        if (value < 0) throw new IllegalArgumentException("Argument `epochs` must be a non-negative integer. Received: epochs=" + value);
        epochs = value;
        return this;
    }

    /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
    public FitOptions verbose(int value) {
        if (value < 0 || value > 2) throw new IllegalArgumentException("Argument `verbose` must be 0, 1 or 2. Received: verbose=" + value);
        verbose = value;
        return this;
    }

    /** Fraction of the data, taken from the end before shuffling, held out for validation. */
    public FitOptions validationSplit(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("`validation_split` must be in the interval [0, 1). Received: validation_split=" + value);
        }
        validationSplit = value;
        return this;
    }

    public FitOptions validationData(Tensor x, Tensor y) { return validationData(List.of(x), List.of(y)); }

    /** Validation arrays of a model with several inputs or outputs, in the model's order. */
    public FitOptions validationData(List<Tensor> x, List<Tensor> y) {
        validationX = List.copyOf(x);
        validationY = List.copyOf(y);
        return this;
    }

    public FitOptions shuffle(boolean value) {
        shuffle = value;
        return this;
    }

    public FitOptions initialEpoch(int value) {
        if (value < 0) throw new IllegalArgumentException("Argument `initial_epoch` must be non-negative. Received: initial_epoch=" + value);
        initialEpoch = value;
        return this;
    }

    public FitOptions callbacks(Callback... values) {
        callbacks.addAll(List.of(values));
        return this;
    }

    public int batchSize() { return batchSize; }

    public int epochs() { return epochs; }

    public int verbose() { return verbose; }
}
