package io.keras4j.saving;

/**
 * A model or weights file that cannot be loaded: not a zip or not HDF5, truncated, a member that is
 * missing, too large or points outside the archive, JSON that does not parse, a weights store not
 * laid out as Keras lays it out, or a model config inside a file that Keras itself would refuse (an
 * unknown or unregistered class, an invalid argument; the message is then Keras's, prefixed by the
 * file name). Every loader in {@code io.keras4j.saving} (and {@code saving.legacy}) throws this type
 * for such files, so that callers can tell a damaged or hostile file from a bug; the cause (if any)
 * is the low-level error.
 *
 * <p>Outside files (a config map or JSON string given directly), the same problems raise
 * {@link IllegalArgumentException} with Keras's message, as Keras raises ValueError or TypeError.
 * A feature keras4j lacks raises {@link UnsupportedOperationException}.
 */
public class ModelFileException extends RuntimeException {
    public ModelFileException(String message) { super(message); }

    public ModelFileException(String message, Throwable cause) { super(message, cause); }
}
