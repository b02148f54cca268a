package io.keras4j.backend.jvm;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fixed pool of worker threads for compute kernels.
 *
 * <p>Workers spin briefly before parking, because kernels hand out work in bursts: a training step
 * runs many GEMMs of a few hundred microseconds back to back, and waking a parked thread (or going
 * through an {@code ExecutorService} queue) costs more than the work itself — measured on this
 * project's machine, small GEMMs ran slower on two threads than on one that way.
 *
 * <p>Chunks are claimed, not assigned: the caller and the workers take the next unclaimed chunk
 * until none is left. A worker that the OS has not scheduled yet (a busy machine, more threads than
 * cores) therefore never holds the caller up: the caller runs the chunks nobody has claimed.
 *
 * <p>One {@link #forRange} runs on the pool at a time. A call made while the pool is busy — from
 * inside a body (nested) or from another thread — runs inline on its caller, which can never
 * deadlock.
 */
public final class Parallel {

    /** A body run on a contiguous sub-range {@code [from, to)}. */
    public interface RangeBody {
        void run(int from, int to);
    }

    /** How long an idle worker (or the waiting caller) spins before parking. */
    private static final long SPIN_NANOS = 50_000;

    private static volatile int threads = defaultThreads();
    private static final AtomicBoolean busy = new AtomicBoolean();
    private static Worker[] workers = new Worker[0]; // grown under busy, never shrunk

    // The current job. The plain fields are written before `state` publishes them.
    private static RangeBody body;
    private static int jobN;
    /** The job's generation (bits 32-63), chunk count (16-31) and next unclaimed chunk (0-15).
     *  Chunks are claimed by CAS on the whole, so a worker that wakes late can never claim a chunk
     *  of a later job nor read a later job's count. */
    private static final AtomicLong state = new AtomicLong();
    private static final int MAX_CHUNKS = 0xFFFF;
    private static final AtomicInteger done = new AtomicInteger();
    private static final AtomicReference<Throwable> failure = new AtomicReference<>();
    private static volatile Thread waiter; // the caller, once it has parked waiting for chunks

    private Parallel() {}

    /** The number of threads kernels split their work over (the caller included). */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads kernels split their work over (the caller included). */
    public static void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        threads = n;
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks of
     * at least {@code grain} items, the calling thread taking part. Returns when all chunks are
     * done; an exception thrown by any chunk is rethrown here. Runs {@code body.run(0, n)} inline
     * when there is a single chunk, or when the pool is busy (a nested call); does nothing when
     * {@code n} is 0.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n < 0) throw new IllegalArgumentException("range size must be >= 0, got " + n);
        int chunks = (int) Math.min(Math.min(threads, MAX_CHUNKS), n / (long) Math.max(grain, 1));
        if (chunks <= 1 || !busy.compareAndSet(false, true)) {
            if (n > 0) body.run(0, n);
            return;
        }
        try {
            runOnPool(n, chunks, body);
        } finally {
            busy.set(false);
        }
    }

    private static void runOnPool(int n, int chunks, RangeBody job) {
        Worker[] ws = ensureWorkers(chunks - 1);
        body = job;
        jobN = n;
        done.set(0);
        int generation = generation(state.get()) + 1;
        state.set((long) generation << 32 | (long) chunks << 16); // publishes the job
        for (int w = 0; w < chunks - 1; w++) {
            if (ws[w].parked) LockSupport.unpark(ws[w]);
        }
        runChunks(generation);
        awaitChunks(chunks);
        body = null;
        Throwable t = failure.getAndSet(null);
        if (t instanceof RuntimeException) throw (RuntimeException) t;
        if (t instanceof Error) throw (Error) t;
        if (t != null) throw new RuntimeException(t);
    }

    /** Claims and runs chunks of job {@code generation} until none is left. */
    private static void runChunks(int generation) {
        while (true) {
            long s = state.get();
            int chunks = (int) (s >>> 16) & MAX_CHUNKS, chunk = (int) s & MAX_CHUNKS;
            if (generation(s) != generation || chunk >= chunks) return;
            if (!state.compareAndSet(s, s + 1)) continue;
            // The job cannot finish (nor its fields change) before this chunk is counted done.
            try {
                body.run(chunkStart(chunk, chunks), chunkStart(chunk + 1, chunks));
            } catch (Throwable t) {
                if (!failure.compareAndSet(null, t) && failure.get() != t) failure.get().addSuppressed(t);
            }
            if (done.incrementAndGet() == chunks) {
                Thread w = waiter;
                if (w != null) LockSupport.unpark(w);
            }
        }
    }

    private static int generation(long state) {
        return (int) (state >>> 32);
    }

    private static int chunkStart(int chunk, int chunks) {
        return (int) ((long) jobN * chunk / chunks);
    }

    private static void awaitChunks(int chunks) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (done.get() != chunks) {
            if (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            } else {
                // Handshake with the last chunk's runner: it unparks us if it sees waiter set, and
                // we re-check done after setting it.
                waiter = Thread.currentThread();
                if (done.get() != chunks) LockSupport.park(Parallel.class);
                waiter = null;
            }
        }
    }

    private static Worker[] ensureWorkers(int count) {
        if (workers.length < count) {
            Worker[] grown = Arrays.copyOf(workers, count);
            for (int i = workers.length; i < count; i++) {
                grown[i] = new Worker(i + 1);
                grown[i].start();
            }
            workers = grown;
        }
        return workers;
    }

    /** Waits for each new job, then helps run its chunks. */
    private static final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("keras4j-worker-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = generation(state.get());
            while (true) {
                seen = awaitNewJob(seen);
                runChunks(seen);
            }
        }

        private int awaitNewJob(int seen) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            int generation;
            while ((generation = generation(state.get())) == seen) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    // Handshake with runOnPool: it unparks us if it sees parked set after publishing
                    // the job, and we re-check the job after setting parked.
                    parked = true;
                    if (generation(state.get()) == seen) LockSupport.park(this);
                    parked = false;
                }
            }
            return generation;
        }
    }

    private static int defaultThreads() {
        String s = System.getProperty("keras4j.threads");
        if (s == null || s.isBlank()) s = System.getenv("KERAS4J_THREADS");
        if (s == null || s.isBlank()) return Runtime.getRuntime().availableProcessors();
        int n;
        try {
            n = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("keras4j.threads / KERAS4J_THREADS must be an integer, got '" + s + "'");
        }
        if (n < 1) throw new IllegalArgumentException("keras4j.threads / KERAS4J_THREADS must be >= 1, got " + n);
        return n;
    }
}
