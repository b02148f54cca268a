package io.keras4j.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the backend: the one named by the system property {@code keras4j.backend} or the
 * environment variable {@code KERAS4J_BACKEND}, among those {@link ServiceLoader} sees; "jvm" by
 * default.
 */
public final class Backends {
    private static volatile Backend current;

    private Backends() {}

    public static Backend get() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                if (current == null) current = load(requestedName());
                b = current;
            }
        }
        return b;
    }

    /** Switches the backend for the whole process (tests and benchmarks). */
    public static synchronized void set(String name) { current = load(name); }

    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (Backend b : ServiceLoader.load(Backend.class)) names.add(b.name());
        return names;
    }

    static String requestedName() {
        String n = System.getProperty("keras4j.backend");
        if (n == null || n.isBlank()) n = System.getenv("KERAS4J_BACKEND");
        return n == null || n.isBlank() ? "jvm" : n.trim();
    }

    private static Backend load(String name) {
        for (Backend b : ServiceLoader.load(Backend.class)) {
            if (b.name().equalsIgnoreCase(name)) return b;
        }
        throw new IllegalArgumentException("Unknown backend: '" + name + "'. Available backends: " + available());
    }
}
