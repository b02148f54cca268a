package io.keras4j.backend;

import io.keras4j.tensor.DType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reuses the storage arrays of a training step in the next one. Inside a {@link Scope} (the trainer
 * opens one per batch) every array handed out by {@link #allocate} is taken back when the scope
 * closes and handed out again to the next request of the same type and length: a steady-state step
 * allocates no big arrays, so the JVM neither zeroes nor collects them. Outside a scope it
 * allocates normally. Arrays come back with stale contents: kernels overwrite their outputs.
 * Whatever must outlive the step (weights, optimizer slots, metric values) is copied or made
 * outside the scope.
 */
public final class ScratchPool {
    /** Arrays smaller than this are cheaper to allocate than to look up. */
    private static final int MIN_POOLED = 1024;
    private static final ThreadLocal<ScratchPool> POOL = ThreadLocal.withInitial(ScratchPool::new);

    private final Map<Long, ArrayDeque<Object>> free = new HashMap<>();
    private List<Object> lent;
    private int depth;

    private ScratchPool() {}

    /** A storage array of {@code n} elements, from the pool when a scope is open. */
    public static Object allocate(DType dtype, int n) {
        ScratchPool p = POOL.get();
        if (p.lent == null || n < MIN_POOLED) return dtype.allocate(n);
        ArrayDeque<Object> q = p.free.get(key(dtype, n));
        Object a = q == null ? null : q.poll();
        if (a == null) a = dtype.allocate(n);
        p.lent.add(a);
        return a;
    }

    private static long key(DType d, int n) { return ((long) d.ordinal() << 32) | n; }

    /** Opens a scope on this thread; nested scopes join the outermost one. */
    public static Scope open() {
        ScratchPool p = POOL.get();
        if (p.depth++ == 0) p.lent = new ArrayList<>();
        return new Scope(p);
    }

    /** Returns the scope's arrays to the pool when closed; nothing it produced may be used afterwards. */
    public static final class Scope implements AutoCloseable {
        private final ScratchPool pool;
        private boolean closed;

        private Scope(ScratchPool pool) { this.pool = pool; }

        @Override public void close() {
            if (closed) return;
            closed = true;
            if (--pool.depth > 0) return;
            for (Object a : pool.lent) {
                pool.free.computeIfAbsent(key(DType.ofStorage(a), java.lang.reflect.Array.getLength(a)), k -> new ArrayDeque<>()).push(a);
            }
            pool.lent = null;
        }
    }
}
