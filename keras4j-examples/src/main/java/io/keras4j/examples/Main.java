package io.keras4j.examples;

import io.keras4j.conformance.ConformanceRunner;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code ./keras4j} command: {@code example}, {@code conformance}, {@code bench}, {@code inspect} and {@code convert}. The script
 * at the repository root builds the modules and runs this class with all of them on the classpath.
 */
public final class Main {
    private static final String USAGE = """
            Usage: keras4j COMMAND [ARGS...]

            Commands:
              example NAME        run one of the examples (list them with: keras4j example --help)
              conformance DIR     check keras4j against a directory of Keras conformance cases
              inspect FILE        what keras4j can and cannot load in a Keras model file
              convert IN OUT      convert a model file (.keras, .h5, .hdf5, .weights.h5 by suffix)
              bench [MODEL...]    time training and inference of the reference models
                                  (options: keras4j bench --help)

            Start with: keras4j example mnist_cnn   (Keras's MNIST convnet, offline on bundled digits)

            Every command takes --help. Java options can be passed in JAVA_OPTS, the number of
            compute threads in KERAS4J_THREADS.
            """;

    // The benchmark module depends on core, not on the examples; it is found on the classpath.
    private static final String BENCH = "io.keras4j.bench.Bench";

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0 || isHelp(args[0])) {
            System.out.print(USAGE);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "example" -> example(rest);
            case "conformance" -> ConformanceRunner.main(rest);
            case "inspect" -> exitWith(ModelFileCommands.inspect(rest, System.out, System.err));
            case "convert" -> exitWith(ModelFileCommands.convert(rest, System.out, System.err));
            case "bench" -> runMain(BENCH, rest);
            default -> {
                System.err.println("keras4j: unknown command '" + args[0] + "'");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }

    private static void exitWith(int code) {
        if (code != 0) System.exit(code);
    }

    private static boolean isHelp(String arg) { return arg.equals("--help") || arg.equals("-h") || arg.equals("help"); }

    private static void example(String[] args) {
        if (args.length == 0 || isHelp(args[0])) {
            StringBuilder sb = new StringBuilder("Usage: keras4j example NAME\n\nExamples:\n");
            for (Map.Entry<String, Examples.Example> e : Examples.all().entrySet()) {
                sb.append(String.format("  %-20s %s%n", e.getKey(), e.getValue().description()));
            }
            (args.length == 0 ? System.err : System.out).print(sb);
            if (args.length == 0) System.exit(2);
            return;
        }
        Examples.Example example;
        try {
            example = Examples.get(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println("keras4j example: " + e.getMessage());
            System.exit(2);
            return;
        }
        example.main().accept(Arrays.copyOfRange(args, 1, args.length));
    }

    private static void runMain(String className, String[] args) {
        try {
            Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (ClassNotFoundException e) {
            System.err.println("keras4j: " + className + " is not on the classpath; run this through the ./keras4j script, which builds it");
            System.exit(2);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot run " + className + ".main", e);
        }
    }
}
