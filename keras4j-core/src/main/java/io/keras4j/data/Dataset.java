package io.keras4j.data;

import io.keras4j.random.Random;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A lazy, streaming input pipeline in the spirit of {@code tf.data.Dataset}: a recipe that makes a
 * fresh iterator for every pass, so nothing is held beyond the buffers asked for ({@link #shuffle},
 * {@link #prefetch}, {@link #cache}). Training elements are {@link Element}s — Keras's
 * {@code (x, y, sample_weight)} tuples — batched before they reach {@code Model.fit}:
 *
 * <pre>{@code
 * Dataset<Element> train = Dataset.fromTensorSlices(x, y).shuffle(1000, 42L).batch(32).prefetch(2);
 * model.fit(train, new FitOptions().epochs(5));
 * }</pre>
 *
 * Other element types (strings, paths, records) flow through {@code map}/{@code filter} as well;
 * {@link #batch} stacks {@link Element}s and {@link Tensor}s (string tensors too).
 * Iterators that hold threads or files must be closed ({@link DatasetIterator}); Keras's loops do.
 */
public abstract class Dataset<T> implements Iterable<T> {
    /** {@link #cardinality()} of a dataset that never ends ({@code tf.data.INFINITE_CARDINALITY}). */
    public static final long INFINITE = -1;
    /** {@link #cardinality()} when the length is only known by iterating ({@code tf.data.UNKNOWN_CARDINALITY}). */
    public static final long UNKNOWN = -2;
    /** For {@code numParallelCalls} and {@code prefetch}: let the library choose ({@code tf.data.AUTOTUNE}). */
    public static final int AUTOTUNE = -1;

    /** A fresh pass over the elements. */
    @Override public abstract DatasetIterator<T> iterator();

    /** The number of elements, {@link #INFINITE} or {@link #UNKNOWN}, without iterating. */
    public abstract long cardinality();

    /** Reads one file into one element ({@link #fromFiles}); may throw {@link IOException}. */
    @FunctionalInterface
    public interface FileReader<T> {
        T read(Path file) throws IOException;
    }

    // ------------------------------------------------------------------ sources

    private static <T> Dataset<T> of(long cardinality, Supplier<DatasetIterator<T>> iterators) {
        return new Dataset<>() {
            @Override public DatasetIterator<T> iterator() { return iterators.get(); }

            @Override public long cardinality() { return cardinality; }
        };
    }

    /** Row {@code i} of every array is element {@code i} (tf.data's {@code from_tensor_slices}). */
    public static Dataset<Element> fromTensorSlices(Tensor x) { return fromTensorSlices(Element.of(x)); }

    public static Dataset<Element> fromTensorSlices(Tensor x, Tensor y) { return fromTensorSlices(Element.of(x, y)); }

    public static Dataset<Element> fromTensorSlices(Tensor x, Tensor y, Tensor sampleWeight) {
        return fromTensorSlices(Element.of(x, y, sampleWeight));
    }

    /** Several inputs or outputs: one array each; {@code y} may be null. */
    public static Dataset<Element> fromTensorSlices(List<Tensor> x, List<Tensor> y) { return fromTensorSlices(new Element(x, y, null)); }

    /** Slices every tensor of {@code arrays} along its first axis. */
    public static Dataset<Element> fromTensorSlices(Element arrays) {
        List<Tensor> cs = arrays.components();
        int n = -1;
        for (Tensor t : cs) {
            if (t.rank() == 0) throw new IllegalArgumentException("Unbatching a tensor is only supported for rank >= 1. Received a scalar");
            if (n >= 0 && t.shape().dim(0) != n) {
                throw new IllegalArgumentException("Dimensions " + n + " and " + t.shape().dim(0) + " are not compatible: all arrays must have the same first dimension");
            }
            n = t.shape().dim(0);
        }
        int rows = n;
        return of(rows, () -> new PullIterator<>() {
            private int i;

            @Override protected Element pull() {
                if (i >= rows) return null;
                List<Tensor> row = new ArrayList<>(cs.size());
                for (Tensor t : cs) row.add(Batching.row(t, i));
                i++;
                return arrays.withComponents(row);
            }
        });
    }

    /** The elements of a collection or other iterable; its length is known when it is a {@link Collection}. */
    public static <T> Dataset<T> fromIterable(Iterable<? extends T> elements) {
        Objects.requireNonNull(elements, "elements");
        long card = elements instanceof Collection<?> c ? c.size() : UNKNOWN;
        return of(card, () -> wrapIterator(elements.iterator()));
    }

    /**
     * A generator: {@code generator} is called once per pass for a fresh iterator (tf.data's
     * {@code from_generator}); an {@link AutoCloseable} iterator is closed when the pass ends.
     */
    public static <T> Dataset<T> fromGenerator(Supplier<? extends Iterator<? extends T>> generator) {
        Objects.requireNonNull(generator, "generator");
        return of(UNKNOWN, () -> wrapIterator(generator.get()));
    }

    /** One element per file, read lazily by {@code reader}; a failure names the file. */
    public static <T> Dataset<T> fromFiles(List<Path> files, FileReader<? extends T> reader) {
        List<Path> paths = List.copyOf(files);
        return of(paths.size(), () -> new PullIterator<>() {
            private int i;

            @Override protected T pull() {
                if (i >= paths.size()) return null;
                Path p = paths.get(i++);
                try {
                    T t = reader.read(p);
                    if (t == null) throw new IllegalArgumentException("The reader returned null for file " + p);
                    return t;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read file " + p + ": " + e.getMessage(), e);
                }
            }
        });
    }

    private static <T> DatasetIterator<T> wrapIterator(Iterator<? extends T> it) {
        return new PullIterator<>() {
            @Override protected T pull() {
                if (!it.hasNext()) return null;
                T t = it.next();
                if (t == null) throw new IllegalArgumentException("Dataset elements must not be null");
                return t;
            }

            @Override protected void release() {
                if (it instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("Closing the generator failed", e);
                    }
                }
            }
        };
    }

    // ------------------------------------------------------------------ transformations

    /** Applies {@code f} to every element, on the consumer's thread. */
    public <R> Dataset<R> map(Function<? super T, ? extends R> f) { return map(f, 1); }

    /**
     * Applies {@code f} with up to {@code numParallelCalls} calls running at once ({@link #AUTOTUNE}:
     * one per core); results keep the input order. {@code f} must then be thread-safe.
     */
    public <R> Dataset<R> map(Function<? super T, ? extends R> f, int numParallelCalls) {
        Objects.requireNonNull(f, "f");
        if (numParallelCalls == 0 || numParallelCalls < AUTOTUNE) {
            throw new IllegalArgumentException("Argument `num_parallel_calls` must be positive or AUTOTUNE. Received: num_parallel_calls=" + numParallelCalls);
        }
        int n = numParallelCalls == AUTOTUNE ? Runtime.getRuntime().availableProcessors() : numParallelCalls;
        Dataset<T> up = this;
        if (n == 1) {
            return of(cardinality(), () -> {
                DatasetIterator<T> it = up.iterator();
                return new PullIterator<R>() {
                    @Override protected R pull() {
                        if (!it.hasNext()) return null;
                        R r = f.apply(it.next());
                        if (r == null) throw new IllegalArgumentException("The function given to `map` returned null");
                        return r;
                    }

                    @Override protected void release() { it.close(); }
                };
            });
        }
        return of(cardinality(), () -> new ParallelMap<>(up.iterator(), f, n));
    }

    /** Keeps the elements for which {@code predicate} holds; the length becomes unknown. */
    public Dataset<T> filter(Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        Dataset<T> up = this;
        return of(UNKNOWN, () -> {
            DatasetIterator<T> it = up.iterator();
            return new PullIterator<T>() {
                @Override protected T pull() {
                    while (it.hasNext()) {
                        T t = it.next();
                        if (predicate.test(t)) return t;
                    }
                    return null;
                }

                @Override protected void release() { it.close(); }
            };
        });
    }

    /** Groups consecutive elements into batches of {@code batchSize}; the last may be smaller. */
    public Dataset<T> batch(int batchSize) { return batch(batchSize, false); }

    /**
     * Groups consecutive elements into batches; with {@code dropRemainder} a last, smaller batch is
     * dropped. {@link Element}s and {@link Tensor}s are stacked on a new first axis (their shapes
     * must agree; see {@link #paddedBatch}).
     */
    @SuppressWarnings("unchecked")
    public Dataset<T> batch(int batchSize, boolean dropRemainder) {
        return batch(batchSize, dropRemainder, parts -> {
            Object first = parts.get(0);
            if (first instanceof Element) return (T) Batching.stackElements((List<Element>) parts);
            if (first instanceof Tensor) return (T) Batching.stack((List<Tensor>) parts, 0);
            throw new IllegalArgumentException("batch(n) batches Element and Tensor elements; for " + first.getClass().getName()
                    + " give a combiner: batch(n, dropRemainder, combiner)");
        });
    }

    /** Groups consecutive elements into batches that {@code combiner} builds from each group. */
    public <B> Dataset<B> batch(int batchSize, boolean dropRemainder, Function<List<T>, ? extends B> combiner) {
        if (batchSize <= 0) throw new IllegalArgumentException("Argument `batch_size` must be a positive integer. Received: batch_size=" + batchSize);
        long c = cardinality();
        long card = c < 0 ? c : dropRemainder ? c / batchSize : (c + batchSize - 1) / batchSize;
        Dataset<T> up = this;
        return of(card, () -> {
            DatasetIterator<T> it = up.iterator();
            return new PullIterator<B>() {
                @Override protected B pull() {
                    List<T> group = new ArrayList<>(batchSize);
                    while (group.size() < batchSize && it.hasNext()) group.add(it.next());
                    if (group.isEmpty() || (dropRemainder && group.size() < batchSize)) return null;
                    return combiner.apply(group);
                }

                @Override protected void release() { it.close(); }
            };
        });
    }

    /** Batches {@link Element}s of varying shapes, padding every tensor with 0 to the batch's largest extent. */
    public Dataset<Element> paddedBatch(int batchSize) { return paddedBatch(batchSize, null, 0, false); }

    /**
     * tf.data's {@code padded_batch}: each component is padded at the end of every axis to its
     * {@code paddedShapes} entry (one per component in x, y, sample-weight order; -1 or a null list:
     * the largest extent in the batch) with {@code paddingValue}.
     */
    @SuppressWarnings("unchecked")
    public Dataset<Element> paddedBatch(int batchSize, List<Shape> paddedShapes, double paddingValue, boolean dropRemainder) {
        List<Shape> shapes = paddedShapes == null ? null : List.copyOf(paddedShapes);
        return batch(batchSize, dropRemainder, parts -> {
            if (!(parts.get(0) instanceof Element)) throw new IllegalArgumentException("paddedBatch needs Element elements; got " + parts.get(0).getClass().getName());
            List<Element> es = (List<Element>) parts;
            if (shapes != null && shapes.size() != es.get(0).components().size()) {
                throw new IllegalArgumentException("Argument `padded_shapes` has " + shapes.size() + " entries for elements of " + es.get(0).components().size() + " components");
            }
            return Batching.padElements(es, shapes, paddingValue);
        });
    }

    /** Splits batched {@link Element}s back into their rows. */
    @SuppressWarnings("unchecked")
    public Dataset<Element> unbatch() {
        Dataset<T> up = this;
        long c = cardinality();
        return of(c == INFINITE ? INFINITE : UNKNOWN, () -> {
            DatasetIterator<T> it = up.iterator();
            return new PullIterator<Element>() {
                private Iterator<Element> rows = java.util.Collections.emptyIterator();

                @Override protected Element pull() {
                    while (!rows.hasNext()) {
                        if (!it.hasNext()) return null;
                        rows = Batching.unstack((Element) it.next()).iterator();
                    }
                    return rows.next();
                }

                @Override protected void release() { it.close(); }
            };
        });
    }

    /** {@link #shuffle(int, Long, boolean)} with a seed drawn from the global generator, reshuffled each pass. */
    public Dataset<T> shuffle(int bufferSize) { return shuffle(bufferSize, null, true); }

    public Dataset<T> shuffle(int bufferSize, Long seed) { return shuffle(bufferSize, seed, true); }

    /**
     * Randomly shuffles through a buffer of {@code bufferSize} elements, as tf.data: fill the
     * buffer, then repeatedly emit a random buffered element and put the next input in its place. A
     * buffer at least as large as the dataset gives a uniform shuffle. With
     * {@code reshuffleEachIteration} every pass has a new order; with a {@code seed} the sequence of
     * orders is the same in every run. Without one the seed comes from the global generator
     * ({@code utils.RandomSeed.setRandomSeed}) when this method is called.
     */
    public Dataset<T> shuffle(int bufferSize, Long seed, boolean reshuffleEachIteration) {
        if (bufferSize <= 0) throw new IllegalArgumentException("Argument `buffer_size` must be greater than zero. Received: buffer_size=" + bufferSize);
        long base = seed != null ? seed : Random.nextSeed();
        AtomicLong passes = new AtomicLong();
        Dataset<T> up = this;
        return of(cardinality(), () -> {
            long pass = reshuffleEachIteration ? passes.getAndIncrement() : 0;
            // Pass k draws from its own stream: the same in every run, different from the other passes.
            SplittableRandom r = new SplittableRandom(base + pass * 0x9E3779B97F4A7C15L);
            DatasetIterator<T> it = up.iterator();
            return new PullIterator<T>() {
                private final List<T> buffer = new ArrayList<>();

                @Override protected T pull() {
                    while (buffer.size() < bufferSize && it.hasNext()) buffer.add(it.next());
                    if (buffer.isEmpty()) return null;
                    int j = r.nextInt(buffer.size());
                    T out = buffer.get(j);
                    if (it.hasNext()) buffer.set(j, it.next());
                    else {
                        buffer.set(j, buffer.get(buffer.size() - 1));
                        buffer.remove(buffer.size() - 1);
                    }
                    return out;
                }

                @Override protected void release() {
                    buffer.clear();
                    it.close();
                }
            };
        });
    }

    /** Repeats the dataset forever. */
    public Dataset<T> repeat() { return repeat(-1); }

    /** Repeats the dataset {@code count} times ({@code -1}: forever). An empty dataset stays empty. */
    public Dataset<T> repeat(int count) {
        if (count < -1) throw new IllegalArgumentException("Argument `count` must be -1 (forever) or non-negative. Received: count=" + count);
        long c = cardinality();
        long card;
        if (count == -1) card = c == 0 ? 0 : INFINITE;
        else if (count == 0) card = 0;
        else card = c < 0 ? c : c * count;
        Dataset<T> up = this;
        return of(card, () -> new PullIterator<T>() {
            private int done;
            private DatasetIterator<T> it;
            private boolean gotAny;

            @Override protected T pull() {
                while (true) {
                    if (it == null) {
                        if (count >= 0 && done >= count) return null;
                        it = up.iterator();
                        gotAny = false;
                    }
                    if (it.hasNext()) {
                        gotAny = true;
                        return it.next();
                    }
                    it.close();
                    it = null;
                    done++;
                    if (!gotAny) return null; // repeating an empty pass forever would never return
                }
            }

            @Override protected void release() {
                if (it != null) it.close();
            }
        });
    }

    /** The first {@code count} elements ({@code -1}: all). */
    public Dataset<T> take(long count) {
        if (count < -1) throw new IllegalArgumentException("Argument `count` must be -1 or non-negative. Received: count=" + count);
        long c = cardinality();
        long card = count == -1 ? c : c == INFINITE ? count : c == UNKNOWN ? UNKNOWN : Math.min(c, count);
        Dataset<T> up = this;
        if (count == -1) return this;
        return of(card, () -> new PullIterator<T>() {
            private long taken;
            private DatasetIterator<T> it;

            @Override protected T pull() {
                if (taken >= count) return null;
                if (it == null) it = up.iterator(); // take(0) never opens the upstream
                if (!it.hasNext()) return null;
                taken++;
                return it.next();
            }

            @Override protected void release() {
                if (it != null) it.close();
            }
        });
    }

    /** All but the first {@code count} elements ({@code -1}: none). */
    public Dataset<T> skip(long count) {
        if (count < -1) throw new IllegalArgumentException("Argument `count` must be -1 or non-negative. Received: count=" + count);
        long c = cardinality();
        long card = c == INFINITE ? INFINITE : c == UNKNOWN ? UNKNOWN : count == -1 ? 0 : Math.max(0, c - count);
        Dataset<T> up = this;
        return of(card, () -> {
            DatasetIterator<T> it = up.iterator();
            return new PullIterator<T>() {
                private boolean skipped;

                @Override protected T pull() {
                    if (!skipped) {
                        skipped = true;
                        for (long k = 0; (count == -1 || k < count) && it.hasNext(); k++) it.next();
                    }
                    return it.hasNext() ? it.next() : null;
                }

                @Override protected void release() { it.close(); }
            };
        });
    }

    /**
     * Keeps the elements in memory after the first complete pass; later passes replay them without
     * running the upstream. A pass abandoned half-way caches nothing.
     */
    public Dataset<T> cache() {
        Dataset<T> up = this;
        java.util.concurrent.atomic.AtomicReference<List<T>> cached = new java.util.concurrent.atomic.AtomicReference<>();
        return of(cardinality(), () -> {
            List<T> done = cached.get();
            if (done != null) return wrapIterator(done.iterator());
            DatasetIterator<T> it = up.iterator();
            return new PullIterator<T>() {
                private final List<T> seen = new ArrayList<>();

                @Override protected T pull() {
                    if (!it.hasNext()) {
                        cached.compareAndSet(null, List.copyOf(seen));
                        return null;
                    }
                    T t = it.next();
                    seen.add(t);
                    return t;
                }

                @Override protected void release() { it.close(); }
            };
        });
    }

    /**
     * Caches {@link Element}s in a file: the first complete pass writes {@code file} (atomically, at
     * its end); later passes — and later runs — read it instead of running the upstream. Memory stays
     * bounded however large the data.
     */
    @SuppressWarnings("unchecked")
    public Dataset<T> cache(Path file) {
        Objects.requireNonNull(file, "file");
        Dataset<T> up = this;
        return of(cardinality(), () -> {
            if (CacheFile.complete(file)) return (DatasetIterator<T>) CacheFile.read(file);
            DatasetIterator<T> it = up.iterator();
            DatasetIterator<Element> checked = new PullIterator<>() {
                @Override protected Element pull() {
                    if (!it.hasNext()) return null;
                    T t = it.next();
                    if (!(t instanceof Element e)) throw new IllegalArgumentException("cache(file) stores Element elements; got " + t.getClass().getName());
                    return e;
                }

                @Override protected void release() { it.close(); }
            };
            return (DatasetIterator<T>) CacheFile.write(checked, file);
        });
    }

    /**
     * Produces up to {@code bufferSize} elements ahead on a background thread while the consumer
     * works ({@link #AUTOTUNE}: 2). Upstream failures reach the consumer; closing the iterator
     * stops the thread.
     */
    public Dataset<T> prefetch(int bufferSize) {
        if (bufferSize == 0 || bufferSize < AUTOTUNE) throw new IllegalArgumentException("Argument `buffer_size` must be positive or AUTOTUNE. Received: buffer_size=" + bufferSize);
        int n = bufferSize == AUTOTUNE ? 2 : bufferSize;
        Dataset<T> up = this;
        return of(cardinality(), () -> new Prefetcher<>(up.iterator(), n));
    }

    /** Every element of a finite dataset, in a list. */
    public List<T> toList() {
        if (cardinality() == INFINITE) throw new IllegalArgumentException("Cannot list the elements of an infinite dataset");
        List<T> out = new ArrayList<>();
        try (DatasetIterator<T> it = iterator()) {
            while (it.hasNext()) out.add(it.next());
        }
        return out;
    }
}
