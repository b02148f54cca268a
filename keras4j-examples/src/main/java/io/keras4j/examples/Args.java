package io.keras4j.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of an example's command line: known names only, every one
 * with a value; {@code --help} asks for the usage. A mistake prints the usage and exits with 2.
 */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    final boolean help;

    private Args(Map<String, String> values, boolean help) {
        this.values.putAll(values);
        this.help = help;
    }

    static Args parse(String example, String usage, String[] args, List<String> known) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) return new Args(v, true);
            if (!known.contains(a) || i + 1 >= args.length) fail(example, usage, "unknown or incomplete option: " + a);
            v.put(a, args[++i]);
        }
        return new Args(v, false);
    }

    String get(String name, String fallback) { return values.getOrDefault(name, fallback); }

    /** A positive whole number, or {@code fallback} when the option is absent. */
    int positive(String example, String usage, String name, int fallback) {
        String s = values.get(name);
        if (s == null) return fallback;
        try {
            int n = Integer.parseInt(s);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        fail(example, usage, name + " takes a whole number of at least 1, not " + s);
        return fallback;
    }

    /**
     * Loads a data set that may need a download; when it cannot be had (offline, say) prints
     * get_file's message, which names the file and the folder to put it in, and exits with 1
     * rather than a stack trace.
     */
    static <T> T download(String example, java.util.function.Supplier<T> load) {
        try {
            return load.get();
        } catch (java.io.UncheckedIOException e) {
            Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            System.err.println("keras4j example " + example + ": " + cause.getMessage());
            System.exit(1);
            return null;
        }
    }

    static void fail(String example, String usage, String problem) {
        System.err.println("keras4j example " + example + ": " + problem);
        System.err.print(usage);
        System.exit(2);
    }
}
