package io.keras4j.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Keras's {@code keras.utils.PyDataset}: subclass it to serve batches by index — a
 * {@link Dataset} of {@link Element}s whose passes call {@link #getItem} for 0, 1, ...
 * {@link #numBatches()} − 1 (forever when that is null), with {@code workers} calls in flight on
 * background threads and up to {@code maxQueueSize} batches ready ahead, order kept.
 *
 * <pre>{@code
 * class Batches extends PyDataset {
 *     Batches() { super(4, 10); }
 *     public Integer numBatches() { return 100; }
 *     public Element getItem(int index) { return Element.of(loadX(index), loadY(index)); }
 * }
 * model.fit(new Batches(), new FitOptions().epochs(5));
 * }</pre>
 *
 * As Keras's adapter does, {@code fit} visits the batches in a new random order every epoch when
 * its {@code shuffle} is on (the default) and the length is finite. {@link #onEpochEnd()} runs at
 * the end of every pass (Keras: at the end of every epoch).
 */
public abstract class PyDataset extends Dataset<Element> {
    private final int workers;
    private final int maxQueueSize;

    /** One worker, a queue of 10: Keras's defaults. */
    protected PyDataset() { this(1, 10); }

    protected PyDataset(int workers, int maxQueueSize) {
        if (workers <= 0) throw new IllegalArgumentException("Argument `workers` must be a positive integer. Received: workers=" + workers);
        if (maxQueueSize <= 0) throw new IllegalArgumentException("Argument `max_queue_size` must be a positive integer. Received: max_queue_size=" + maxQueueSize);
        this.workers = workers;
        this.maxQueueSize = maxQueueSize;
    }

    /** The batch at {@code index} (Keras's {@code __getitem__}). */
    public abstract Element getItem(int index);

    /** The number of batches in an epoch, or null for an infinite dataset (Keras's {@code num_batches}). */
    public abstract Integer numBatches();

    /** Called at the start of every pass. */
    public void onEpochBegin() {}

    /** Called at the end of every pass, e.g. to reshuffle the samples behind the indices. */
    public void onEpochEnd() {}

    public int workers() { return workers; }

    public int maxQueueSize() { return maxQueueSize; }

    @Override public long cardinality() {
        Integer n = numBatches();
        return n == null ? INFINITE : n;
    }

    @Override public DatasetIterator<Element> iterator() { return pass(null); }

    /** The batches in a random order drawn from {@code seed} (finite datasets only); what {@code fit(shuffle=true)} reads. */
    public Dataset<Element> shuffled(long seed) {
        PyDataset self = this;
        return new Dataset<>() {
            private long passes;

            @Override public DatasetIterator<Element> iterator() {
                Integer n = numBatches();
                return pass(n == null ? null : io.keras4j.random.Random.permutation(n, seed + 0x9E3779B97F4A7C15L * passes++));
            }

            @Override public long cardinality() { return self.cardinality(); }
        };
    }

    private DatasetIterator<Element> pass(int[] order) {
        onEpochBegin();
        Integer n = numBatches();
        Iterator<Integer> indices = new Iterator<>() {
            int i;

            @Override public boolean hasNext() { return n == null || i < n; }

            @Override public Integer next() {
                if (!hasNext()) throw new NoSuchElementException();
                int k = i++;
                return order == null ? k : order[k];
            }
        };
        Dataset<Element> batches = Dataset.<Integer>fromGenerator(() -> indices).map(i -> {
            Element e = getItem(i);
            if (e == null) throw new IllegalArgumentException("PyDataset.getItem(" + i + ") returned null");
            return e;
        }, workers);
        DatasetIterator<Element> it = workers > 1 || maxQueueSize > 1 ? batches.prefetch(maxQueueSize).iterator() : batches.iterator();
        return new PullIterator<>() {
            @Override protected Element pull() { return it.hasNext() ? it.next() : null; }

            @Override protected void release() {
                it.close();
                onEpochEnd();
            }
        };
    }
}
