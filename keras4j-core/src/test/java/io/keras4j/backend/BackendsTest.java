package io.keras4j.backend;

import io.keras4j.backend.jvm.JvmBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendsTest {
    private final String saved = System.getProperty("keras4j.backend");

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty("keras4j.backend");
        else System.setProperty("keras4j.backend", saved);
        Backends.set("jvm");
    }

    @Test
    void jvmIsTheDefaultAndIsFoundByServiceLoader() {
        assertTrue(Backends.available().contains("jvm"), Backends.available().toString());
        assertInstanceOf(JvmBackend.class, Backends.get());
        assertSame(Backends.get(), Backends.get());
    }

    @Test
    void systemPropertyNamesTheBackend() {
        System.setProperty("keras4j.backend", " JVM ");
        assertEquals("JVM", Backends.requestedName());
        System.setProperty("keras4j.backend", "");
        // Blank falls back to the environment variable, then to "jvm".
        String env = System.getenv("KERAS4J_BACKEND");
        assertEquals(env == null || env.isBlank() ? "jvm" : env.trim(), Backends.requestedName());
    }

    @Test
    void setSelectsByNameIgnoringCase() {
        Backends.set("JVM");
        assertEquals("jvm", Backends.get().name());
    }

    @Test
    void unknownBackendNamesTheAvailableOnes() {
        Backend before = Backends.get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.set("tpu"));
        assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
        assertTrue(e.getMessage().contains("jvm"), e.getMessage());
        // A failed switch leaves the current backend in place.
        assertSame(before, Backends.get());
    }
}
