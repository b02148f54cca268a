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

    private record Failure(Throwable error) {}

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stopping;

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
            if (!stopping) {
                try {
                    queue.put(new Failure(e));
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
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the next element", e);
        }
        if (o == END) return null;
        if (o instanceof Failure f) {
            if (f.error instanceof RuntimeException r) throw r;
            if (f.error instanceof Error err) throw err;
            throw new RuntimeException(f.error);
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
