package io.keras4j.trainers;

import io.keras4j.callbacks.Callback;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    List<Tensor> validationSampleWeight;
    Map<Integer, Double> classWeight;
    List<Tensor> sampleWeight;
    // One array given for a model with several outputs: Keras replicates it when it is per-sample.
    boolean sampleWeightForAllOutputs;
    boolean shuffle = true;
    int initialEpoch = 0;
    final List<Callback> callbacks = new ArrayList<>();
    // Dataset inputs (io.keras4j.data): null = Keras's None.
    Integer stepsPerEpoch;
    Integer validationSteps;
    io.keras4j.data.Dataset<io.keras4j.data.Element> validationDataset;

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
        validationSampleWeight = null;
        validationDataset = null;
        return this;
    }

    /** Validation arrays with per-sample weights for the validation loss and weighted metrics (Keras's {@code (x_val, y_val, val_sample_weights)}). */
    public FitOptions validationData(Tensor x, Tensor y, Tensor sampleWeight) {
        validationData(List.of(x), List.of(y));
        validationSampleWeight = sampleWeight == null ? null : List.of(sampleWeight);
        return this;
    }

    /** Several inputs or outputs, with one sample-weight array per output. */
    public FitOptions validationData(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight) {
        validationData(x, y);
        validationSampleWeight = sampleWeight == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(sampleWeight));
        return this;
    }

    /**
     * Keras's {@code class_weight}: a weight per class index that multiplies the loss of each
     * training sample of that class (labels given as integers or one-hot; classes not in the map
     * weigh 1). Single-output models only; not together with {@link #sampleWeight}.
     */
    public FitOptions classWeight(Map<Integer, Double> value) {
        if (value != null) {
            for (Map.Entry<Integer, Double> e : value.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("`class_weight` must be a dictionary with integer keys representing class indices "
                            + "and float weights. Received: class_weight=" + value);
                }
            }
        }
        classWeight = value == null ? null : Map.copyOf(value);
        return this;
    }

    /**
     * Keras's {@code sample_weight}: a weight per training sample, shape (samples,), or per
     * timestep, shape (samples, timesteps), multiplying each sample's loss before the reduction.
     * With several outputs a per-sample array applies to every output.
     */
    public FitOptions sampleWeight(Tensor value) {
        sampleWeight = value == null ? null : List.of(value);
        sampleWeightForAllOutputs = value != null;
        return this;
    }

    /** One sample-weight array (or null) per model output, in the model's output order. */
    public FitOptions sampleWeight(List<Tensor> values) {
        // null entries allowed: outputs without weights
        sampleWeight = values == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(values));
        sampleWeightForAllOutputs = false;
        return this;
    }

    /**
     * Batches per epoch when training on a {@link io.keras4j.data.Dataset}: the dataset's iterator
     * then carries on across epochs instead of restarting (required for an infinite dataset).
     */
    public FitOptions stepsPerEpoch(int value) {
        if (value <= 0) throw new IllegalArgumentException("Argument `steps_per_epoch` must be a positive integer. Received: steps_per_epoch=" + value);
        stepsPerEpoch = value;
        return this;
    }

    /** Validation on a dataset of (x, y[, sample_weight]) batches, run after every epoch. */
    public FitOptions validationData(io.keras4j.data.Dataset<io.keras4j.data.Element> value) {
        if (value == null) throw new IllegalArgumentException("Argument `validation_data` must not be None");
        validationDataset = value;
        validationX = null;
        validationY = null;
        validationSampleWeight = null;
        return this;
    }

    /** Batches of the validation dataset per validation run (default: until it runs out). */
    public FitOptions validationSteps(int value) {
        if (value <= 0) throw new IllegalArgumentException("Argument `validation_steps` must be a positive integer. Received: validation_steps=" + value);
        validationSteps = value;
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
