package io.keras4j.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code prefetch(n)}: one background thread pulls the upstream iterator into a queue of at most
 * {@code n} elements while the consumer works on earlier ones. A failure upstream is handed to the
 * consumer in order, after the elements produced before it. Closing stops the thread, which then
 * closes the upstream on its own thread (the only thread that ever touched it).
 */
final class Prefetcher<T> extends PullIterator<T> {
    private static final Object END = new Object();
    /** Queued in place of the failure: reporting an OutOfMemoryError must not need a new object. */
    private static final Object FAILED = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    Prefetcher(DatasetIterator<T> upstream, int bufferSize) {
        queue = new ArrayBlockingQueue<>(bufferSize);
        thread = new Thread(() -> produce(upstream), "keras4j-prefetch");
        thread.setDaemon(true); // an abandoned, unclosed iterator must not keep the JVM alive
        thread.start();
    }

    private void produce(DatasetIterator<T> upstream) {
        try {
            while (!stopping && upstream.hasNext()) {
                T t = upstream.next();
                while (!stopping && !queue.offer(t, 100, TimeUnit.MILLISECONDS)) { /* wait for room */ }
            }
            if (!stopping) queue.put(END);
        } catch (InterruptedException e) {
            // close() asked us to stop
        } catch (Throwable e) {
            failure = e;
            if (!stopping) {
                try {
                    queue.put(FAILED);
                } catch (InterruptedException ignored) { /* closing */ }
            }
        } finally {
            upstream.close();
        }
    }

    @Override @SuppressWarnings("unchecked")
    protected T pull() {
        Object o;
        try {
            // A producer that died without queueing END or FAILED (a second OutOfMemoryError while
            // reporting the first) must not leave the consumer waiting forever.
            while ((o = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (!thread.isAlive() && queue.isEmpty()) {
                    o = FAILED;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the next element", e);
        }
        if (o == END) return null;
        if (o == FAILED) {
            Throwable f = failure;
            if (f == null) throw new IllegalStateException("The prefetch thread ended without finishing the dataset");
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error err) throw err;
            throw new RuntimeException(f);
        }
        return (T) o;
    }

    @Override protected void release() {
        stopping = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join(10_000); // the producer only leaves a user function at its next element
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: the number of elements waiting in the buffer. */
    int buffered() { return queue.size(); }

    boolean producerAlive() { return thread.isAlive(); }
}
