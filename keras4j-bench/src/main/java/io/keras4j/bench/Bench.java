package io.keras4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.autodiff.Variable;
import io.keras4j.backend.jvm.Parallel;
import io.keras4j.backend.jvm.Sgemm;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.utils.RandomSeed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code keras4j bench}: training and inference throughput of the reference models
 * ({@code bench/README.md}) on random data, measured as the PyTorch peer measures it and written
 * in the same JSON fields ({@code results[i].train_samples_per_s.median}, ...), so that one script
 * can compare them. Training is Keras's {@code train_on_batch} (forward, sparse categorical
 * cross-entropy, backward, Adam with learning rate 1e-3, dropout active); inference is
 * {@code predict_on_batch}, softmax included. {@code gemm} times the SGEMM kernel instead.
 */
public final class Bench {
    private static final String USAGE = """
            Usage: keras4j bench [MODEL...] [--json FILE] [options]

            Times training (forward + backward + Adam step, lr 1e-3) and inference of the reference
            models on random data: warm-up, then the median, min and max samples/s of several timed
            windows, as the PyTorch peer (bench/pytorch/bench_models.py) measures them.

            Models: mlp, cnn, cnn_dropout, cifar_cnn, lstm (default: all; those whose layers keras4j
            lacks are skipped), and gemm (SGEMM GFLOP/s at 512^3 on 1 thread and 1024^3 on 2).

            Options:
              --json FILE          also write the results as JSON, in the peer's fields
              --threads N          compute threads (default 2, as the peer)
              --windows N          timed windows per measurement (default 7)
              --window-sec S       seconds per window (default 1.5)
              --warmup-steps N     at least N warm-up steps (default 10)
              --warmup-sec S       and at least S seconds of warm-up (default 2.0)
            """;

    /** The peer's command-line arguments, with its names and defaults. */
    static final class Options {
        final List<String> models = new ArrayList<>();
        int threads = 2;
        int windows = 7;
        double windowSec = 1.5;
        int warmupSteps = 10;
        double warmupSec = 2.0;
        String json;

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("models", String.join(",", models));
            m.put("threads", threads);
            m.put("windows", windows);
            m.put("window_sec", windowSec);
            m.put("warmup_steps", warmupSteps);
            m.put("warmup_sec", warmupSec);
            m.put("inputs", "randn");
            m.put("json", json);
            return m;
        }
    }

    private Bench() {}

    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("keras4j bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.print(USAGE);
            return;
        }
        Map<String, Object> report = run(o, System.out);
        if (o.json != null) writeJson(report, Path.of(o.json));
    }

    /** The options, or null for --help. */
    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) return null;
            if (a.startsWith("--")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                String v = args[++i];
                try {
                    switch (a) {
                        case "--json" -> o.json = v;
                        case "--models" -> addModels(o, v);
                        case "--threads" -> o.threads = positive(a, Integer.parseInt(v));
                        case "--windows" -> o.windows = positive(a, Integer.parseInt(v));
                        case "--window-sec" -> o.windowSec = Double.parseDouble(v);
                        case "--warmup-steps" -> o.warmupSteps = Integer.parseInt(v);
                        case "--warmup-sec" -> o.warmupSec = Double.parseDouble(v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("option " + a + " needs a number, received: " + v);
                }
            } else {
                addModels(o, a);
            }
        }
        if (o.models.isEmpty()) o.models.addAll(ReferenceModels.ALL.keySet());
        return o;
    }

    private static void addModels(Options o, String csv) {
        for (String id : csv.split(",")) {
            if (id.isBlank()) continue;
            if (!id.equals("gemm") && !ReferenceModels.ALL.containsKey(id)) {
                throw new IllegalArgumentException("unknown model '" + id + "'. Available: " + String.join(", ", ReferenceModels.ALL.keySet()) + ", gemm");
            }
            o.models.add(id);
        }
    }

    private static int positive(String option, int v) {
        if (v < 1) throw new IllegalArgumentException("option " + option + " must be a positive integer, received: " + v);
        return v;
    }

    /** Runs the benchmarks, printing progress and the summary table; returns the JSON report. */
    static Map<String, Object> run(Options o, PrintStream out) {
        Parallel.setThreads(o.threads);
        Map<String, Object> env = env(o.threads);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("env", env);
        report.put("args", o.asMap());
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        out.println("# env: " + toJson(env, false));
        out.printf(Locale.ROOT, "# windows=%d window_sec~%.1f warmup>=%d steps and >=%.1fs%n", o.windows, o.windowSec, o.warmupSteps, o.warmupSec);
        for (String id : o.models) {
            if (id.equals("gemm")) {
                report.put("gemm", gemm(out));
                Parallel.setThreads(o.threads);
                continue;
            }
            ReferenceModels.Spec spec = ReferenceModels.ALL.get(id);
            if (!spec.available()) {
                skipped.put(id, "layers not available yet");
                out.println("# " + id + " skipped: layers not available yet");
                continue;
            }
            Map<String, Object> r = bench(spec, o);
            results.add(r);
            out.println("# done " + id + ": " + toJson(r, false));
            out.flush();
        }
        report.put("results", results);
        if (!skipped.isEmpty()) report.put("skipped", skipped);
        printTable(results, out);
        return report;
    }

    /** One model: training windows, then inference windows, in the peer's fields. */
    static Map<String, Object> bench(ReferenceModels.Spec spec, Options o) {
        RandomSeed.setRandomSeed(0);
        Sequential model = spec.builder().get();
        long params = 0;
        for (Variable v : model.trainableVariables()) params += v.shape().size();
        model.compile(new Adam().learningRate(1e-3), spec.binary() ? "binary_crossentropy" : "sparse_categorical_crossentropy");

        // A pool of 8 distinct batches cycled through, as the peer: standard-normal inputs, random labels.
        int pool = 8;
        Tensor[] xs = new Tensor[pool], ys = new Tensor[pool];
        Shape xShape = Shape.of(spec.sampleShape()).prepend(spec.batch());
        for (int k = 0; k < pool; k++) {
            xs[k] = Random.normal(xShape, 0, 1, DType.FLOAT32, 2L * k);
            ys[k] = labels(spec, new SplittableRandom(2L * k + 1));
        }
        TimedWindows.Outcome train = TimedWindows.run(i -> model.trainOnBatch(xs[i % pool], ys[i % pool]),
                spec.batch(), o.warmupSteps, o.warmupSec, o.windows, o.windowSec);
        TimedWindows.Outcome infer = TimedWindows.run(i -> model.predictOnBatch(xs[i % pool]),
                spec.batch(), o.warmupSteps, o.warmupSec, o.windows, o.windowSec);

        Map<String, Object> tr = TimedWindows.summarize(train.rates()), inf = TimedWindows.summarize(infer.rates());
        double trMedian = (Double) tr.get("median"), infMedian = (Double) inf.get("median");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", spec.id());
        r.put("description", spec.description());
        r.put("batch", spec.batch());
        r.put("params", params);
        r.put("fwd_flops_per_sample", spec.fwdFlopsPerSample());
        r.put("train_samples_per_s", tr);
        r.put("train_steps_per_window", train.stepsPerWindow());
        r.put("train_windows", train.info());
        r.put("train_ms_per_step_median", 1000.0 * spec.batch() / trMedian);
        r.put("train_gflops_median", 3.0 * spec.fwdFlopsPerSample() * trMedian / 1e9);
        r.put("infer_samples_per_s", inf);
        r.put("infer_steps_per_window", infer.stepsPerWindow());
        r.put("infer_windows", infer.info());
        r.put("infer_gflops_median", spec.fwdFlopsPerSample() * infMedian / 1e9);
        return r;
    }

    /** Random class indices 0..9 (int32), or 0/1 targets of shape (batch, 1) (float32) for a binary model. */
    private static Tensor labels(ReferenceModels.Spec spec, SplittableRandom rng) {
        int n = spec.batch();
        if (spec.binary()) {
            float[] y = new float[n];
            for (int i = 0; i < n; i++) y[i] = rng.nextInt(2);
            return Tensor.wrap(y, Shape.of(n, 1));
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(10);
        return Tensor.wrap(y, Shape.of(n));
    }

    // ---- gemm ----

    private static final Pattern GEMM_LINE = Pattern.compile("sgemm (\\d+)x\\d+x\\d+ threads=(\\d+) simd=(\\w+): ([0-9.]+) GFLOP/s");

    /** SGEMM GFLOP/s through {@link GemmGflops}: 512³ on one thread, 1024³ on two (DESIGN.md's measured points). */
    static List<Map<String, Object>> gemm(PrintStream out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String[] a : new String[][] {{"512", "1"}, {"1024", "2"}}) {
            String text = captureStdout(() -> GemmGflops.main(a));
            out.print(text);
            Matcher m = GEMM_LINE.matcher(text);
            while (m.find()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("size", Integer.parseInt(m.group(1)));
                row.put("threads", Integer.parseInt(m.group(2)));
                row.put("simd", Boolean.parseBoolean(m.group(3)));
                row.put("gflops_median", Double.parseDouble(m.group(4)));
                rows.add(row);
            }
        }
        return rows;
    }

    // GemmGflops reports only by printing; its lines are read back here for the JSON.
    private static String captureStdout(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    // ---- report ----

    private static Map<String, Object> env(int threads) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date_utc", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        env.put("java", System.getProperty("java.version"));
        env.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("cpu", cpuModel());
        env.put("nproc", Runtime.getRuntime().availableProcessors());
        env.put("threads", threads);
        env.put("simd", Sgemm.vectorized());
        env.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        return env;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    @SuppressWarnings("unchecked")
    private static void printTable(List<Map<String, Object>> results, PrintStream out) {
        if (results.isEmpty()) return;
        out.printf(Locale.ROOT, "%-12s %8s %6s %24s %24s %9s %9s %s%n", "model", "params", "batch", "train samp/s med[min-max]",
                "infer samp/s med[min-max]", "trainGF/s", "inferGF/s", "| train,infer: min cpu/wall; discarded; contaminated-used");
        for (Map<String, Object> r : results) {
            Map<String, Object> t = (Map<String, Object>) r.get("train_samples_per_s"), i = (Map<String, Object>) r.get("infer_samples_per_s");
            Map<String, Object> tw = (Map<String, Object>) r.get("train_windows"), iw = (Map<String, Object>) r.get("infer_windows");
            out.printf(Locale.ROOT, "%-12s %8d %6d %10.0f [%5.0f-%5.0f] %10.0f [%5.0f-%5.0f] %9.2f %9.2f %.2f,%.2f; %s,%s; %s,%s%n",
                    r.get("model"), (Long) r.get("params"), (Integer) r.get("batch"),
                    t.get("median"), t.get("min"), t.get("max"), i.get("median"), i.get("min"), i.get("max"),
                    r.get("train_gflops_median"), r.get("infer_gflops_median"),
                    minOf((List<Double>) tw.get("cpu_per_wall")), minOf((List<Double>) iw.get("cpu_per_wall")),
                    tw.get("windows_discarded"), iw.get("windows_discarded"),
                    tw.get("contaminated_windows_used"), iw.get("contaminated_windows_used"));
        }
    }

    private static double minOf(List<Double> v) { return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN); }

    private static final ObjectMapper JSON = new ObjectMapper();

    static String toJson(Object value, boolean indent) {
        try {
            return indent ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) : JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJson(Map<String, Object> report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, toJson(report, true) + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
