package io.keras4j.saving;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers never see it half written: the content goes to a temporary file
 * in the same directory, which then replaces the target in one atomic rename. If writing fails,
 * the temporary file is removed and an existing target is left as it was.
 */
final class AtomicFiles {
    private AtomicFiles() {}

    interface Writer {
        void write(Path tmp) throws IOException;
    }

    static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "the directory does not exist");
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            // jhdf and the zip writer create the file themselves.
            Files.delete(tmp);
            writer.write(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
    }

    /** A missing or unreadable file as Keras words it. */
    static void requireReadable(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("File not found: filepath=" + file + ". Please ensure the file exists and is readable.");
        }
    }
}
