package io.keras4j.conformance;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a directory of Keras conformance cases ({@code conformance/FORMAT.md}: the keras-js layout
 * and its Keras 3 extension) and reports how keras4j's results compare with what Keras computed.
 * <p>
 * Each {@code cases.json} model is built from its layer configs with
 * {@link io.keras4j.layers.Layers#fromConfig} as a {@code Sequential} (one input, each layer fed
 * by the previous one), given the file's weights, and run with {@code predict} in float32 (or
 * called with {@code training=true} where the case says so); activation-function cases apply the
 * function to the input. {@code losses.json} and {@code optimizers.json} entries are checked too.
 * A case is skipped, with the reason, when it needs what keras4j lacks (a layer class, the
 * Functional API) or was not computed by Keras. Float32 is what Keras used, so
 * {@code float32_artifact} cases run like the others.
 * <p>
 * Whether the set needs Keras 2 or Keras 3 semantics (they differ for {@code hard_sigmoid}) is
 * read from the set itself; see {@link CaseSet} and {@link Summary#kerasVersion()}.
 */
public final class ConformanceRunner {
    private ConformanceRunner() {}

    private static final String USAGE = """
            Usage: java io.keras4j.conformance.ConformanceRunner <directory>

            Runs every case of a Keras conformance directory: cases.json with its data files, and
            losses.json / optimizers.json when present (format: conformance/FORMAT.md). Prints one
            line per failed case (worst error and where) and per skipped case (why), then
            "N passed, M failed, K skipped".

            Exit status: 0 when no case failed, 1 when some case failed, 2 for a bad argument.
            """;

    /**
     * Runs every case in {@code dir}, printing one line per failed or skipped case and the summary
     * line last. Fails with IllegalArgumentException when {@code dir} is missing or has no
     * {@code cases.json}.
     */
    public static Summary run(Path dir, PrintStream out) {
        CaseSet set = CaseSet.open(dir);
        List<CaseResult> results = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : set.index.entrySet()) {
            report(ModelCase.run(set, e.getKey(), e.getValue()), results, out);
        }
        Map<String, Object> losses = set.optionalFile("losses.json");
        if (losses != null) {
            for (Map.Entry<String, Object> e : losses.entrySet()) report(LossCase.run(e.getKey(), CaseSet.map(e.getValue())), results, out);
        }
        Map<String, Object> optimizers = set.optionalFile("optimizers.json");
        if (optimizers != null) {
            for (Map.Entry<String, Object> e : optimizers.entrySet()) report(OptimizerCase.run(e.getKey(), CaseSet.map(e.getValue())), results, out);
        }
        Summary summary = new Summary(results, set.kerasVersion);
        out.println(summary);
        out.flush();
        return summary;
    }

    private static void report(CaseResult result, List<CaseResult> results, PrintStream out) {
        results.add(result);
        if (result.line() != null) out.println(result.line());
    }

    /** {@code ConformanceRunner <directory>}; exits 0 when nothing failed, 1 when something did, 2 for a bad argument. */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            return;
        }
        System.exit(exitCode(args, System.out, System.err));
    }

    /** What {@link #main} does, with the exit status returned instead of exiting (for tests). */
    static int exitCode(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println(args.length == 0 ? "error: missing the conformance directory argument"
                    : "error: expected one argument, the conformance directory; received: " + String.join(" ", args));
            err.print(USAGE);
            return 2;
        }
        Summary summary;
        try {
            summary = run(Path.of(args[0]), out);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        return summary.failed() == 0 ? 0 : 1;
    }
}
