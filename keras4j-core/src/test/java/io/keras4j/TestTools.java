package io.keras4j;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian test tools some tests call (h5py, Graphviz's {@code dot}). Absent tools skip the test with
 * a message, except under CI ({@code KERAS4J_REQUIRE_TOOLS=1}, set by {@code .ci/run} after it
 * installs them), where their absence fails so the tests cannot silently stop running.
 */
public final class TestTools {
    private TestTools() {}

    /** Debian's Python, which has the {@code python3-*} packages (a pyenv {@code python3} may not). */
    public static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    /** Skips (fails under CI) unless {@code python3 -c "import <module>"} works. */
    public static void requirePythonModule(String module, String debianPackage) {
        if (!runs(PYTHON, "-c", "import " + module)) missing("Python module " + module + " (Debian " + debianPackage + ")");
    }

    /** Skips (fails under CI) unless {@code program} runs with {@code args}. */
    public static void requireProgram(String debianPackage, String program, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = program;
        System.arraycopy(args, 0, cmd, 1, args.length);
        if (!runs(cmd)) missing("program " + program + " (Debian " + debianPackage + ")");
    }

    /** Skips (fails under CI) unless {@code path} exists. */
    public static Path requireFile(String debianPackage, String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) missing(path + " (Debian " + debianPackage + ")");
        return p;
    }

    private static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); return false; }
            return p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void missing(String what) {
        String msg = "Test tool " + what + " is not installed";
        if (System.getenv("KERAS4J_REQUIRE_TOOLS") != null) fail(msg + "; CI requires it (.ci/run installs it)");
        Assumptions.abort(msg + ": skipping");
    }
}
