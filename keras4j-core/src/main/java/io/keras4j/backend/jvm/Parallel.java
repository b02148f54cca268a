package io.keras4j.backend.jvm;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fixed pool of worker threads for compute kernels.
 *
 * <p>Workers spin briefly before parking, because kernels hand out work in bursts: a training step
 * runs many GEMMs of a few hundred microseconds back to back, and waking a parked thread (or going
 * through an {@code ExecutorService} queue) costs more than the work itself — measured on this
 * project's machine, small GEMMs ran slower on two threads than on one that way.
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
    private static int generation; // counts jobs; only touched under busy

    // The job being run; written by the caller before the workers are released.
    private static RangeBody body;
    private static int jobN, jobChunks;
    private static final AtomicInteger pending = new AtomicInteger();
    private static volatile Thread waiter; // the caller, once it has parked waiting for workers

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
     * at least {@code grain} items; chunk 0 runs on the calling thread. Returns when all chunks are
     * done; the first exception thrown by any chunk is rethrown here.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        int chunks = (int) Math.min(threads, n / (long) Math.max(grain, 1));
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
        jobChunks = chunks;
        pending.set(chunks - 1);
        generation++;
        for (int w = 0; w < chunks - 1; w++) ws[w].release(generation);
        Throwable failure = null;
        try {
            job.run(0, chunkStart(n, chunks, 1));
        } catch (Throwable t) {
            failure = t;
        }
        awaitWorkers();
        body = null;
        for (int w = 0; w < chunks - 1; w++) {
            Throwable t = ws[w].failure;
            ws[w].failure = null;
            if (failure == null) failure = t;
            else if (t != null && t != failure) failure.addSuppressed(t);
        }
        if (failure instanceof RuntimeException) throw (RuntimeException) failure;
        if (failure instanceof Error) throw (Error) failure;
        if (failure != null) throw new RuntimeException(failure);
    }

    private static int chunkStart(int n, int chunks, int i) {
        return (int) ((long) n * i / chunks);
    }

    private static Worker[] ensureWorkers(int count) {
        if (workers.length < count) {
            Worker[] grown = java.util.Arrays.copyOf(workers, count);
            for (int i = workers.length; i < count; i++) {
                grown[i] = new Worker(i + 1);
                grown[i].start();
            }
            workers = grown;
        }
        return workers;
    }

    private static void awaitWorkers() {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0) {
            if (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            } else {
                // Dekker-style handshake with the last worker: it unparks us if it sees waiter set
                // after decrementing, and we re-check pending after setting waiter.
                waiter = Thread.currentThread();
                if (pending.get() != 0) LockSupport.park(Parallel.class);
                waiter = null;
            }
        }
    }

    /** Runs chunk {@code index} of each job it is released for. */
    private static final class Worker extends Thread {
        private final int index;
        private volatile int released; // the generation of the last job it was released for
        private volatile boolean parked;
        private int seen; // the generation of the last job it ran
        Throwable failure;

        Worker(int index) {
            super("keras4j-worker-" + index);
            this.index = index;
            setDaemon(true);
        }

        /** The volatile write publishes the job fields; the worker's is a volatile read. */
        void release(int job) {
            released = job;
            if (parked) LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                awaitRelease();
                seen = released;
                try {
                    body.run(chunkStart(jobN, jobChunks, index), chunkStart(jobN, jobChunks, index + 1));
                } catch (Throwable t) {
                    failure = t;
                }
                if (pending.decrementAndGet() == 0) {
                    Thread w = waiter;
                    if (w != null) LockSupport.unpark(w);
                }
            }
        }

        private void awaitRelease() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (released == seen) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    // Dekker-style handshake with release(): one of the two sees the other's write.
                    parked = true;
                    if (released == seen) LockSupport.park(this);
                    parked = false;
                }
            }
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
