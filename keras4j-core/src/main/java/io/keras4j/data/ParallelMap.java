package io.keras4j.data;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * {@code map(f, numParallelCalls)}: up to {@code n} calls of {@code f} run at once on a private
 * pool while results come out in input order (tf.data's deterministic parallel map). The upstream
 * is read on the consumer's thread; only {@code f} runs on the pool.
 */
final class ParallelMap<T, R> extends PullIterator<R> {
    private final DatasetIterator<T> upstream;
    private final Function<? super T, ? extends R> f;
    private final int parallelism;
    private final ExecutorService pool;
    private final ArrayDeque<Future<R>> inFlight = new ArrayDeque<>();

    ParallelMap(DatasetIterator<T> upstream, Function<? super T, ? extends R> f, int parallelism) {
        this.upstream = upstream;
        this.f = f;
        this.parallelism = parallelism;
        this.pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "keras4j-map");
            t.setDaemon(true);
            return t;
        });
    }

    @Override protected R pull() {
        while (inFlight.size() < parallelism && upstream.hasNext()) {
            T in = upstream.next();
            inFlight.add(pool.submit(() -> {
                R r = f.apply(in);
                if (r == null) throw new IllegalArgumentException("The function given to `map` returned null");
                return r;
            }));
        }
        Future<R> head = inFlight.poll();
        if (head == null) return null;
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for `map`", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new RuntimeException(c);
        }
    }

    @Override protected void release() {
        for (Future<R> fu : inFlight) fu.cancel(true);
        inFlight.clear();
        pool.shutdownNow();
        upstream.close();
    }
}
