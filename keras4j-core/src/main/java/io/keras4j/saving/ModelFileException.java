package io.keras4j.saving;

/**
 * A model or weights file that cannot be read as a file: not a zip or not HDF5, truncated, a
 * member that is missing, too large or points outside the archive, JSON that does not parse, a
 * weights store whose groups or datasets are not laid out as Keras lays them out. Every loader in
 * {@code io.keras4j.saving} (and {@code saving.legacy}) throws this type for such files, so that
 * callers can tell a damaged or hostile file from a bug; the message names the file and what is
 * wrong with it, and the cause (if any) is the low-level error.
 *
 * <p>A well-formed file whose content Keras itself would refuse (an unknown or unregistered class,
 * an invalid layer argument, weights of the wrong shape, a Python lambda in safe mode) raises
 * {@link IllegalArgumentException} with Keras's message instead, as Keras raises ValueError or
 * TypeError there; a feature keras4j lacks raises {@link UnsupportedOperationException}.
 */
public class ModelFileException extends RuntimeException {
    public ModelFileException(String message) { super(message); }

    public ModelFileException(String message, Throwable cause) { super(message, cause); }
}
