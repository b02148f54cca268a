package io.keras4j.trainers;

import io.keras4j.tensor.Tensor;

import java.util.List;

/**
 * Where {@code fit}'s training batches come from, behind the one epoch loop of {@link Trainer}:
 * arrays ({@link ArrayDataAdapter}) or a {@code Dataset} (through {@link EpochIterator}), as Keras
 * puts its data adapters behind one {@code EpochIterator}.
 */
interface TrainBatches extends AutoCloseable {
    /** One batch: inputs, targets, and final sample weights per output (the list, or entries, may be null). */
    record Batch(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight) {}

    /** Steps in an epoch as Keras reports them to callbacks; null when not known yet. */
    Integer numSteps();

    /** Starts epoch {@code epoch} (0-based). */
    void beginEpoch(int epoch);

    /** Skips {@code n} batches of this epoch (a fit resumed mid-epoch). */
    void skip(int n);

    /** The next batch of this epoch, or null when the epoch is over. */
    Batch next();

    @Override default void close() {}
}
