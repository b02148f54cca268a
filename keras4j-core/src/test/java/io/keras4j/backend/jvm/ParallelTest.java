package io.keras4j.backend.jvm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class ParallelTest {

    private final int originalThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(originalThreads);
    }

    @Test
    void coversTheRangeExactlyOnceInContiguousChunksOfAtLeastGrain() {
        for (int threads : new int[] {1, 2, 3, 4, 7}) {
            Parallel.setThreads(threads);
            for (int n : new int[] {0, 1, 2, 5, 16, 17, 100, 1001}) {
                for (int grain : new int[] {1, 3, 16, 2000}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
                    Parallel.forRange(n, grain, (from, to) -> {
                        chunks.add(new int[] {from, to});
                        for (int i = from; i < to; i++) hits.incrementAndGet(i);
                    });
                    String where = "threads=" + threads + " n=" + n + " grain=" + grain;
                    for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), where + " index " + i);
                    assertTrue(chunks.size() <= threads, where);
                    if (chunks.size() > 1) {
                        for (int[] c : chunks) assertTrue(c[1] - c[0] >= grain, where);
                    }
                }
            }
        }
    }

    @Test
    void smallRangesAndOneThreadRunInlineOnTheCaller() {
        Parallel.setThreads(2);
        Thread caller = Thread.currentThread();
        List<Thread> ran = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(10, 10, (from, to) -> ran.add(Thread.currentThread()));
        assertEquals(List.of(caller), ran);

        Parallel.setThreads(1);
        ran.clear();
        Parallel.forRange(1000, 1, (from, to) -> {
            assertEquals(0, from);
            assertEquals(1000, to);
            ran.add(Thread.currentThread());
        });
        assertEquals(List.of(caller), ran);
    }

    @Test
    void workersTakeChunksTheCallerHasNotReached() {
        Parallel.setThreads(2);
        Thread caller = Thread.currentThread();
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        // Whoever claims a chunk first sleeps, so the other thread claims the second one (on a
        // machine so busy that it does not get scheduled meanwhile, the caller runs both; retry).
        for (int attempt = 0; attempt < 5 && ran.size() < 2; attempt++) {
            ran.clear();
            Parallel.forRange(100, 1, (from, to) -> {
                ran.add(Thread.currentThread());
                sleep(200);
            });
        }
        assertEquals(2, ran.size());
        assertTrue(ran.contains(caller));
        for (Thread t : ran) assertTrue(t == caller || t.isDaemon());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void exceptionsInWorkersAndCallerPropagate() {
        Parallel.setThreads(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                Parallel.forRange(90, 1, (from, to) -> {
                    if (from > 0) throw new IllegalStateException("worker " + from);
                }));
        assertTrue(e.getMessage().startsWith("worker"));
        assertThrows(AssertionError.class, () ->
                Parallel.forRange(90, 1, (from, to) -> {
                    if (from == 0) throw new AssertionError("caller");
                }));
        RuntimeException shared = new RuntimeException("every chunk");
        assertSame(shared, assertThrows(RuntimeException.class, () -> Parallel.forRange(90, 1, (from, to) -> {
            throw shared;
        })));
        // The pool still works afterwards.
        AtomicInteger sum = new AtomicInteger();
        Parallel.forRange(90, 1, (from, to) -> sum.addAndGet(to - from));
        assertEquals(90, sum.get());
    }

    @Test
    void nestedCallsRunInline() {
        Parallel.setThreads(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(64 * 64);
        Parallel.forRange(64, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i;
                Parallel.forRange(64, 1, (f, t) -> {
                    for (int j = f; j < t; j++) hits.incrementAndGet(row * 64 + j);
                });
            }
        });
        for (int i = 0; i < hits.length(); i++) assertEquals(1, hits.get(i));
    }

    @Test
    void concurrentCallersAndManyTinyJobsAllComplete() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicInteger total = new AtomicInteger();
        Runnable many = () -> {
            for (int rep = 0; rep < 20_000; rep++) Parallel.forRange(8, 1, (from, to) -> total.addAndGet(to - from));
        };
        Thread other = new Thread(many);
        other.start();
        many.run();
        other.join();
        assertEquals(2 * 20_000 * 8, total.get());
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(-3));
        Parallel.setThreads(5);
        assertEquals(5, Parallel.threads());
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(-1, 1, (from, to) -> { }));
    }
}
