package io.keras4j.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A dataset read from a directory, with what Keras attaches to it as attributes: the class names
 * (index = label) and the files in the order they are read (before any per-epoch shuffle).
 */
public final class FileDataset<T> extends Dataset<T> {
    private final Dataset<T> data;
    private final List<String> classNames;
    private final List<Path> filePaths;

    public FileDataset(Dataset<T> data, List<String> classNames, List<Path> filePaths) {
        this.data = data;
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        this.filePaths = List.copyOf(filePaths);
    }

    @Override public DatasetIterator<T> iterator() { return data.iterator(); }

    @Override public long cardinality() { return data.cardinality(); }

    /** Keras's {@code dataset.class_names}; null when the labels are off. */
    public List<String> classNames() { return classNames; }

    /** Keras's {@code dataset.file_paths}. */
    public List<Path> filePaths() { return filePaths; }
}
