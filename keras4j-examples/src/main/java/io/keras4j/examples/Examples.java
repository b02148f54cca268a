package io.keras4j.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The runnable examples by name, as {@code keras4j example NAME} finds them. Names follow the
 * Keras examples' file names ({@code mnist_cnn}, {@code iris_mlp}, ...).
 */
public final class Examples {

    /** One example: its name, a one-line description, and its {@code main}. */
    public record Example(String name, String description, Consumer<String[]> main) {}

    private static final Map<String, Example> ALL = new LinkedHashMap<>();

    static {
        add("iris_mlp", "MLP on the Iris flowers: 4 -> Dense 16 relu -> Dense 3 softmax, SGD with momentum; "
                + "test accuracy 0.9667 in a few seconds", IrisMlp::main);
    }

    private Examples() {}

    private static void add(String name, String description, Consumer<String[]> main) {
        ALL.put(name, new Example(name, description, main));
    }

    /** All examples in the order they are listed. */
    public static Map<String, Example> all() { return Collections.unmodifiableMap(ALL); }

    /** The example of that name; an unknown name fails listing the known ones. */
    public static Example get(String name) {
        Example e = ALL.get(name);
        if (e == null) throw new IllegalArgumentException("Unknown example: '" + name + "'. Available examples: " + String.join(", ", ALL.keySet()));
        return e;
    }
}
