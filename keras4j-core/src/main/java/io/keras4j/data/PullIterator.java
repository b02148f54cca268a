package io.keras4j.data;

import java.util.NoSuchElementException;

/**
 * The skeleton of every pipeline stage: {@link #pull()} computes the next element or returns null
 * at the end; {@link #release()} frees what the stage holds (upstream iterators, threads). Elements
 * are never null, which is what lets null mean "no more".
 */
abstract class PullIterator<T> implements DatasetIterator<T> {
    private T next;
    private boolean done;
    private boolean closed;

    /** The next element, or null when there is none. */
    protected abstract T pull();

    /** Frees upstream iterators and threads; called once. */
    protected void release() {}

    @Override public final boolean hasNext() {
        if (next != null) return true;
        if (done) return false;
        T t = pull();
        if (t == null) {
            done = true;
            close(); // an iterator run to its end frees its resources without being asked
            return false;
        }
        next = t;
        return true;
    }

    @Override public final T next() {
        if (!hasNext()) throw new NoSuchElementException("End of dataset");
        T t = next;
        next = null;
        return t;
    }

    @Override public final void close() {
        if (closed) return;
        closed = true;
        done = true;
        next = null;
        release();
    }
}
