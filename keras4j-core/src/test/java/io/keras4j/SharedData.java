package io.keras4j;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Locates {@code ../shared} (Keras reference data, not in this repository). Tests that need it are
 * skipped with a message when it is absent, except under CI ({@code KERAS4J_REQUIRE_SHARED=1}),
 * where its absence is a failure so those tests cannot silently stop running.
 */
public final class SharedData {
    private SharedData() {}

    /** The directory {@code ../shared/<sub>}, or the test is skipped (failed under CI) when it is missing. */
    public static Path dir(String sub) {
        String root = System.getProperty("keras4j.shared", "../../shared");
        Path p = Path.of(root).resolve(sub).normalize();
        if (!Files.isDirectory(p)) {
            String msg = "Reference data " + p.toAbsolutePath() + " is absent (it lives in ../shared beside the checkout)";
            if (System.getenv("KERAS4J_REQUIRE_SHARED") != null) fail(msg + "; CI requires it");
            Assumptions.abort(msg + ": skipping");
        }
        return p;
    }
}
