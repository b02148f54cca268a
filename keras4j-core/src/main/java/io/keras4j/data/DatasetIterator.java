package io.keras4j.data;

import java.util.Iterator;

/**
 * An iterator over a {@link Dataset} that may hold threads or files (prefetch, parallel map, file
 * cache): {@link #close()} releases them. Closing is idempotent; an iterator run to its end
 * releases them too, but one abandoned mid-way must be closed (use try-with-resources).
 */
public interface DatasetIterator<T> extends Iterator<T>, AutoCloseable {
    @Override void close();
}
