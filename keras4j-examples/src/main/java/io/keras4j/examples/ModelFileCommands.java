package io.keras4j.examples;

import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.saving.ModelFileException;
import io.keras4j.saving.legacy.ModelFileInspector;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code keras4j inspect FILE} (what keras4j can and cannot load in a Keras model file) and
 * {@code keras4j convert IN OUT} (load a model, save it in the format OUT's name asks for:
 * {@code .keras}, legacy {@code .h5}/{@code .hdf5}, or weights only with {@code .weights.h5}).
 * Each returns the process exit code: 0 on success, 1 when the file cannot be loaded, 2 for usage.
 */
final class ModelFileCommands {
    static final String INSPECT_USAGE = """
            Usage: keras4j inspect FILE

            Lists the layers of a Keras model file (.keras, legacy .h5/.hdf5, or a to_json() config)
            and every layer class, argument and custom object keras4j cannot load, then prints the
            model summary when the whole model loads. Exit code 0 when it loads, 1 when it does not.
            """;
    static final String CONVERT_USAGE = """
            Usage: keras4j convert IN OUT

            Loads the model in IN (.keras, .h5 or .hdf5) and saves it to OUT in the format its name
            asks for: .keras (Keras 3 archive), .h5/.hdf5 (legacy HDF5), .weights.h5 (weights only).
            """;

    private ModelFileCommands() {}

    static int inspect(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && isHelp(args[0])) {
            out.print(INSPECT_USAGE);
            return 0;
        }
        if (args.length != 1) {
            err.print(INSPECT_USAGE);
            return 2;
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            err.println("keras4j inspect: no such file: " + file);
            return 1;
        }
        ModelFileInspector.Report report = ModelFileInspector.inspect(file);
        out.print(report.render());
        return report.loadable() ? 0 : 1;
    }

    static int convert(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && isHelp(args[0])) {
            out.print(CONVERT_USAGE);
            return 0;
        }
        if (args.length != 2) {
            err.print(CONVERT_USAGE);
            return 2;
        }
        Path in = Path.of(args[0]), target = Path.of(args[1]);
        String name = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!(name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".hdf5"))) {
            err.println("keras4j convert: OUT must end in .keras, .h5, .hdf5 or .weights.h5. Received: " + target);
            return 2;
        }
        Model model;
        try {
            model = Models.loadModel(in);
        } catch (ModelFileException | IllegalArgumentException | UnsupportedOperationException e) {
            err.println("keras4j convert: cannot load " + in + ": " + e.getMessage());
            err.println("Run `keras4j inspect " + in + "` for the full list of what keras4j cannot load.");
            return 1;
        }
        if (name.endsWith(".weights.h5")) model.saveWeights(target);
        else model.save(target);
        out.println("Saved " + model.name() + " (" + model.countParams() + " parameters) to " + target);
        return 0;
    }

    private static boolean isHelp(String arg) { return arg.equals("--help") || arg.equals("-h") || arg.equals("help"); }
}
