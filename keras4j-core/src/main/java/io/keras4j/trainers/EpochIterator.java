package io.keras4j.trainers;

import io.keras4j.data.Dataset;
import io.keras4j.data.DatasetIterator;
import io.keras4j.data.Element;

/**
 * Keras's {@code EpochIterator} for a {@link Dataset} of batches: decides where each epoch ends.
 * <ul>
 * <li>Without {@code steps}, an epoch is one full pass: a fresh iterator each epoch, ended by
 *     the data running out. The number of batches is the dataset's cardinality, or learnt at the
 *     end of the first pass when it is unknown.</li>
 * <li>With {@code steps}, an epoch is that many batches and the same iterator carries on into the
 *     next epoch; when it runs out (or reaches a known cardinality) the epoch ends early with
 *     Keras's warning and the next epoch starts a fresh pass.</li>
 * <li>An infinite dataset without {@code steps} is refused, since the epoch would never end.</li>
 * </ul>
 */
final class EpochIterator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EpochIterator.class.getName());

    private final Dataset<Element> data;
    private final Integer steps;
    private Integer numBatches;
    private DatasetIterator<Element> current;
    private int seen;          // batches taken from `current`
    private int step;          // batches taken in this epoch
    private Integer epochSteps; // this epoch's limit, or null: until the data runs out

    /**
     * @param steps            {@code steps_per_epoch} / {@code validation_steps} / {@code steps}, or null
     * @param infiniteMessage  Keras's error for an infinite dataset without {@code steps}
     */
    EpochIterator(Dataset<Element> data, Integer steps, String infiniteMessage) {
        if (data == null) throw new IllegalArgumentException("The dataset must not be null");
        if (steps != null && steps <= 0) throw new IllegalArgumentException("The number of steps must be a positive integer. Received: " + steps);
        long c = data.cardinality();
        if (steps == null && c == Dataset.INFINITE) throw new IllegalArgumentException(infiniteMessage);
        this.data = data;
        this.steps = steps;
        this.numBatches = c >= 0 ? Integer.valueOf((int) Math.min(Integer.MAX_VALUE, c)) : null;
    }

    /** The number of steps in an epoch as Keras reports it to callbacks ({@code params["steps"]}); null when unknown. */
    Integer numSteps() { return steps != null ? steps : numBatches; }

    void beginEpoch() {
        epochSteps = steps != null ? steps : numBatches;
        if (current == null || steps == null) {
            closeCurrent();
            current = data.iterator();
            seen = 0;
        }
        step = 0;
    }

    /** The next batch of this epoch, or null when the epoch is over. */
    Element next() {
        if (epochSteps != null && step >= epochSteps) {
            endOfEpoch();
            return null;
        }
        if (numBatches != null && seen >= numBatches) {
            if (steps != null) warnRanOut();
            closeCurrent();
            return null;
        }
        if (!current.hasNext()) {
            if (numBatches == null) numBatches = seen; // running out is how an unknown length is learnt
            if (steps != null) warnRanOut();
            closeCurrent();
            return null;
        }
        Element e = current.next();
        seen++;
        step++;
        return e;
    }

    /** Skips {@code n} batches (resuming a fit mid-epoch). */
    void skip(int n) {
        for (int i = 0; i < n; i++) if (next() == null) return;
    }

    private void endOfEpoch() {
        // A pass that reached its known end is restarted next epoch, as in Keras.
        if (numBatches != null && seen >= numBatches) closeCurrent();
    }

    private void warnRanOut() {
        LOG.log(System.Logger.Level.WARNING, "Your input ran out of data; interrupting training. Make sure that your dataset or generator can generate "
                + "at least `steps_per_epoch * epochs` batches. You may need to use the `.repeat()` function when building your dataset.");
    }

    private void closeCurrent() {
        if (current != null) current.close();
        current = null;
    }

    @Override public void close() { closeCurrent(); }
}
