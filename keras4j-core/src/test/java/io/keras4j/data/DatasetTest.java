package io.keras4j.data;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class DatasetTest {
    /** tf.data.Dataset.range(n) as scalar float elements. */
    private static Dataset<Element> range(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return Dataset.fromTensorSlices(Tensor.of(v, n));
    }

    private static List<Integer> values(Dataset<Element> d) {
        List<Integer> out = new ArrayList<>();
        for (Element e : d.toList()) out.add((int) e.x(0).item());
        return out;
    }

    private static List<Integer> batchSizes(Dataset<Element> d) {
        List<Integer> out = new ArrayList<>();
        for (Element e : d.toList()) out.add(e.batchSize());
        return out;
    }

    @Test void fromTensorSlicesSlicesEveryArrayAlongTheFirstAxis() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor y = Tensor.ofInts(new int[] {7, 8, 9}, 3);
        Dataset<Element> d = Dataset.fromTensorSlices(x, y);
        assertEquals(3, d.cardinality());
        List<Element> es = d.toList();
        assertEquals(3, es.size());
        assertEquals(Shape.of(2), es.get(1).x(0).shape());
        assertArrayEquals(new float[] {3, 4}, es.get(1).x(0).toFloatArray());
        assertEquals(8, es.get(1).y(0).item());
        assertThrows(IllegalArgumentException.class, () -> Dataset.fromTensorSlices(x, Tensor.ofInts(new int[] {1, 2}, 2)));
    }

    @Test void batchCountsAndDropRemainder() {
        assertEquals(List.of(3, 3, 3, 1), batchSizes(range(10).batch(3)));
        assertEquals(4, range(10).batch(3).cardinality());
        assertEquals(List.of(3, 3, 3), batchSizes(range(10).batch(3, true)));
        assertEquals(3, range(10).batch(3, true).cardinality());
        Element b = range(10).batch(4).toList().get(1);
        assertEquals(Shape.of(4), b.x(0).shape());
        assertArrayEquals(new float[] {4, 5, 6, 7}, b.x(0).toFloatArray());
        assertEquals(Dataset.INFINITE, range(3).repeat().batch(2).cardinality());
    }

    @Test void batchRefusesRaggedShapes() {
        Dataset<Element> ragged = Dataset.fromIterable(List.of(Element.of(Tensor.ones(2)), Element.of(Tensor.ones(3))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ragged.batch(2).toList());
        assertTrue(e.getMessage().contains("different shapes"), e.getMessage());
    }

    @Test void paddedBatchMatchesTheTfDataDocumentedExample() {
        // tf.data docs: Dataset.range(1, 5).map(lambda x: tf.fill([x], x)).padded_batch(2)
        // -> [[1, 0], [2, 2]] and [[3, 3, 3, 0], [4, 4, 4, 4]]
        List<Element> es = new ArrayList<>();
        for (int x = 1; x < 5; x++) {
            int[] v = new int[x];
            Arrays.fill(v, x);
            es.add(Element.of(Tensor.ofInts(v, x)));
        }
        List<Element> batches = Dataset.fromIterable(es).paddedBatch(2).toList();
        assertEquals(2, batches.size());
        assertEquals(Shape.of(2, 2), batches.get(0).x(0).shape());
        assertArrayEquals(new int[] {1, 0, 2, 2}, batches.get(0).x(0).toIntArray());
        assertEquals(Shape.of(2, 4), batches.get(1).x(0).shape());
        assertArrayEquals(new int[] {3, 3, 3, 0, 4, 4, 4, 4}, batches.get(1).x(0).toIntArray());
        // padded_shapes=(4,), padding_values=-1 (documented: pad to a fixed size with a chosen value)
        Element fixed = Dataset.fromIterable(es).paddedBatch(2, List.of(Shape.of(4)), -1, false).toList().get(0);
        assertArrayEquals(new int[] {1, -1, -1, -1, 2, 2, -1, -1}, fixed.x(0).toIntArray());
    }

    @Test void takeSkipRepeatFilterCounts() {
        assertEquals(List.of(0, 1, 2), values(range(10).take(3)));
        assertEquals(3, range(10).take(3).cardinality());
        assertEquals(List.of(7, 8, 9), values(range(10).skip(7)));
        assertEquals(3, range(10).skip(7).cardinality());
        assertEquals(0, values(range(10).skip(20)).size());
        assertEquals(30, values(range(10).repeat(3)).size());
        assertEquals(30, range(10).repeat(3).cardinality());
        assertEquals(Dataset.INFINITE, range(10).repeat().cardinality());
        assertEquals(25, values(range(10).repeat().take(25)).size());
        assertEquals(25, range(10).repeat().take(25).cardinality());
        assertEquals(List.of(0, 2, 4, 6, 8), values(range(10).filter(e -> ((int) e.x(0).item()) % 2 == 0)));
        assertEquals(Dataset.UNKNOWN, range(10).filter(e -> true).cardinality());
        assertEquals(0, values(range(0).repeat()).size()); // an empty dataset repeated forever stays empty
        assertEquals(Dataset.UNKNOWN, Dataset.fromGenerator(() -> List.of(1, 2).iterator()).cardinality());
        assertEquals(2, Dataset.fromIterable(List.of(1, 2)).cardinality());
    }

    @Test void cacheRunsTheUpstreamOnceAndOnlyAfterACompletePass() {
        AtomicInteger calls = new AtomicInteger();
        Dataset<Element> d = range(5).map(e -> { calls.incrementAndGet(); return e; }).cache();
        try (DatasetIterator<Element> it = d.iterator()) {
            it.next();
            it.next(); // abandoned: nothing cached
        }
        assertEquals(2, calls.get());
        assertEquals(List.of(0, 1, 2, 3, 4), values(d));
        assertEquals(7, calls.get());
        assertEquals(List.of(0, 1, 2, 3, 4), values(d));
        assertEquals(7, calls.get(), "the second complete pass reads the cache");
        assertEquals(5, d.cardinality());
    }

    @Test void fileCacheIsWrittenAtTheEndOfAPassAndReadByLaterDatasets(@TempDir Path dir) {
        Path file = dir.resolve("cache.bin");
        AtomicInteger calls = new AtomicInteger();
        Dataset<Element> d = Dataset.fromTensorSlices(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), Tensor.ofInts(new int[] {1, 2, 3}, 3))
                .map(e -> { calls.incrementAndGet(); return e; }).cache(file);
        try (DatasetIterator<Element> it = d.iterator()) {
            it.next();
        }
        assertFalse(Files.exists(file), "a partial pass leaves no cache");
        List<Element> first = d.toList();
        assertTrue(Files.exists(file));
        int after = calls.get();
        // A new pipeline over the same file (as in a later run) does not run its upstream at all.
        AtomicInteger other = new AtomicInteger();
        List<Element> again = range(1).map(e -> { other.incrementAndGet(); return e; }).cache(file).toList();
        assertEquals(0, other.get());
        assertEquals(after, calls.get());
        assertEquals(3, again.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(first.get(i).x(0).toFloatArray(), again.get(i).x(0).toFloatArray());
            assertArrayEquals(first.get(i).y(0).toIntArray(), again.get(i).y(0).toIntArray());
        }
    }

    @Test void shuffleWithASeedIsReproducibleAndReshufflesEachPass() {
        Dataset<Element> a = range(50).shuffle(50, 7L);
        Dataset<Element> b = range(50).shuffle(50, 7L);
        List<Integer> a1 = values(a), a2 = values(a), b1 = values(b), b2 = values(b);
        assertEquals(a1, b1, "same seed, same first order");
        assertEquals(a2, b2, "same seed, same second order");
        assertNotEquals(a1, a2, "reshuffle_each_iteration: a new order each pass");
        List<Integer> sorted = new ArrayList<>(a1);
        sorted.sort(null);
        assertEquals(values(range(50)), sorted, "a permutation: nothing lost or repeated");
        assertNotEquals(values(range(50)), a1);
        Dataset<Element> fixed = range(50).shuffle(50, 7L, false);
        assertEquals(values(fixed), values(fixed), "without reshuffling every pass has the same order");
        assertNotEquals(a1, values(range(50).shuffle(50, 8L)));
    }

    @Test void shuffleBufferOfOneKeepsTheOrder() {
        assertEquals(values(range(10)), values(range(10).shuffle(1, 3L)));
    }

    @Test void parallelMapRunsCallsConcurrentlyAndKeepsTheOrder() {
        // Every call waits until 4 calls are in flight: it only finishes if 4 really run at once.
        CyclicBarrier barrier = new CyclicBarrier(4);
        Dataset<Element> d = range(16).map(e -> {
            try {
                barrier.await(30, TimeUnit.SECONDS);
            } catch (Exception ex) {
                throw new AssertionError("map calls did not run in parallel", ex);
            }
            return e;
        }, 4);
        assertEquals(values(range(16)), values(d));
    }

    @Test void prefetchProducesAheadWhileTheConsumerIsBusy() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        CountDownLatch aheadOfConsumer = new CountDownLatch(4);
        Dataset<Element> d = range(100).map(e -> {
            produced.incrementAndGet();
            aheadOfConsumer.countDown();
            return e;
        }).prefetch(3);
        try (DatasetIterator<Element> it = d.iterator()) {
            assertEquals(0, (int) it.next().x(0).item());
            // The consumer is "busy" and asks for nothing; the producer thread must still fill the buffer.
            assertTrue(aheadOfConsumer.await(30, TimeUnit.SECONDS), "the producer did not run ahead of the consumer");
            Prefetcher<?> p = (Prefetcher<?>) it;
            while (p.buffered() < 3) Thread.onSpinWait();
            Thread.sleep(50); // give an unbounded producer the chance to overrun; a bounded one stays put
            assertTrue(produced.get() <= 1 + 3 + 1, "bounded queue: at most buffer + one in hand ahead, got " + produced.get());
            assertEquals(List.of(1, 2, 3, 4, 5), List.of((int) it.next().x(0).item(), (int) it.next().x(0).item(), (int) it.next().x(0).item(),
                    (int) it.next().x(0).item(), (int) it.next().x(0).item()));
        }
    }

    @Test void prefetchOverlapsASlowMapWithTheConsumer() throws Exception {
        // The map of element 2 can only finish once the consumer has taken element 1 and signalled;
        // element 3's map must then run while the consumer waits on it: no serialization.
        CountDownLatch consumerTookFirst = new CountDownLatch(1);
        CountDownLatch mappedThird = new CountDownLatch(1);
        Dataset<Element> d = range(4).map(e -> {
            int v = (int) e.x(0).item();
            try {
                if (v == 1) consumerTookFirst.await(30, TimeUnit.SECONDS);
                if (v == 2) mappedThird.countDown();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return e;
        }).prefetch(2);
        try (DatasetIterator<Element> it = d.iterator()) {
            assertEquals(0, (int) it.next().x(0).item());
            consumerTookFirst.countDown();
            assertTrue(mappedThird.await(30, TimeUnit.SECONDS), "the map kept running while the consumer held element 0");
            assertEquals(1, (int) it.next().x(0).item());
        }
    }

    @Test void prefetchHandsUpstreamFailuresToTheConsumerInOrderAndStopsItsThread() {
        Dataset<Element> d = range(10).map(e -> {
            if (e.x(0).item() == 3) throw new IllegalStateException("bad element 3");
            return e;
        }).prefetch(2);
        DatasetIterator<Element> it = d.iterator();
        assertEquals(0, (int) it.next().x(0).item());
        assertEquals(1, (int) it.next().x(0).item());
        assertEquals(2, (int) it.next().x(0).item());
        IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
        assertEquals("bad element 3", e.getMessage());
        it.close();
        assertFalse(((Prefetcher<?>) it).producerAlive());
    }

    @Test void closingAPrefetchOfAnInfiniteDatasetStopsTheThread() {
        DatasetIterator<Element> it = range(3).repeat().prefetch(4).iterator();
        for (int i = 0; i < 10; i++) it.next();
        it.close();
        assertFalse(((Prefetcher<?>) it).producerAlive());
    }

    @Test void streamingKeepsOnlyTheBuffersAlive() {
        // 800 elements of 256 KB (200 MB in all, far above the few MB the buffers need) stream
        // through map + batch + prefetch; the elements handed out more than a few batches ago must
        // be unreachable, or memory would grow with the data however large the heap.
        int elements = 800, floats = 64 * 1024;
        List<WeakReference<float[]>> made = new ArrayList<>();
        Dataset<Element> d = Dataset.fromGenerator(() -> new Iterator<Element>() {
            int i;

            @Override public boolean hasNext() { return i < elements; }

            @Override public Element next() {
                float[] big = new float[floats];
                big[0] = i++;
                synchronized (made) {
                    made.add(new WeakReference<>(big));
                }
                return Element.of(Tensor.wrap(big, Shape.of(floats)));
            }
        }).map(e -> e).batch(4).prefetch(2);
        long maxLive = 0;
        int seen = 0;
        try (DatasetIterator<Element> it = d.iterator()) {
            while (it.hasNext()) {
                Element b = it.next();
                seen += b.batchSize();
                if (seen % 200 == 0) {
                    System.gc();
                    long live;
                    synchronized (made) {
                        live = made.stream().filter(r -> r.get() != null).count();
                    }
                    maxLive = Math.max(maxLive, live);
                }
            }
        }
        assertEquals(elements, seen);
        // In hand: this batch (4), the prefetch buffer (2 batches), one batch being built and one
        // being handed over: at most 5 batches.
        assertTrue(maxLive <= 20, "elements kept alive: " + maxLive);
    }

    @Test void fromFilesReadsLazilyAndNamesTheFileThatFails(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "1");
        Path b = dir.resolve("missing.txt");
        Dataset<String> d = Dataset.fromFiles(List.of(a, b), Files::readString);
        assertEquals(2, d.cardinality());
        DatasetIterator<String> it = d.iterator();
        assertEquals("1", it.next());
        Exception e = assertThrows(java.io.UncheckedIOException.class, it::next);
        assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
    }

    @Test void unbatchSplitsBatchesBackIntoRows() {
        assertEquals(values(range(7)), values(range(7).batch(3).unbatch()));
    }

    @Test void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> range(3).batch(0));
        assertThrows(IllegalArgumentException.class, () -> range(3).shuffle(0));
        assertThrows(IllegalArgumentException.class, () -> range(3).prefetch(0));
        assertThrows(IllegalArgumentException.class, () -> range(3).map(e -> e, 0));
    }

    @Test void stringTensorsBatchAndCacheToFiles(@TempDir Path dir) {
        Dataset<Element> texts = Dataset.fromTensorSlices(Tensor.ofStrings(new String[] {"a", "b\u00e9", "c"}, 3), Tensor.ofInts(new int[] {1, 2, 3}, 3));
        Element b = texts.batch(2).toList().get(0);
        assertArrayEquals(new String[] {"a", "b\u00e9"}, b.x(0).strings());
        Dataset<Element> cached = texts.cache(dir.resolve("s.cache"));
        cached.toList();
        List<Element> again = cached.toList();
        assertArrayEquals(new String[] {"b\u00e9"}, again.get(1).x(0).withShape(Shape.of(1)).strings());
    }
}
