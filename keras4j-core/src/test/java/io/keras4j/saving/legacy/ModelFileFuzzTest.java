package io.keras4j.saving.legacy;

import io.keras4j.SharedData;
import io.keras4j.saving.ModelFileException;
import io.keras4j.saving.SavingApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Broken and hostile model files: real Keras files with bytes flipped, cut off or inserted must
 * load or fail with {@link ModelFileException}, never with another exception, and without
 * exhausting memory. Seeded, so any failure names the seed and mutation that reproduce it.
 */
class ModelFileFuzzTest {
    @TempDir Path tmp;

    /** Mutations per run: bounded by count and by wall time (~15 s) so that CI stays fast. */
    private static final int MAX_CASES = 600;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(15);

    private interface Load { void run(Path p); }

    @Test
    void mutatedFilesFailOnlyWithModelFileException() throws Exception {
        Path dl4j = SharedData.dir("conformance/dl4j");
        Path keras3 = SharedData.dir("conformance/keras3");
        List<Path> seeds = List.of(
                dl4j.resolve("examples/activations/ELU_0_model.h5"),
                dl4j.resolve("weights/dense_tensorflow_1.h5"),
                dl4j.resolve("weights/bidirectional_lstm_tensorflow_2.h5"),
                dl4j.resolve("weights/sepconv2d_tensorflow_2.h5"),
                dl4j.resolve("tfkeras/rnn_12.h5"),
                keras3.resolve("sequential_masking_lstm_keras3.8.keras"),
                keras3.resolve("pre_pr22362_nested_container.keras"));
        List<byte[]> originals = new ArrayList<>();
        // What each unmutated file does: the nested-container fixture is a valid file naming a
        // Python class nobody registered, refused as such; a mutation may leave that unchanged.
        List<String> baseline = new ArrayList<>();
        for (Path s : seeds) {
            originals.add(Files.readAllBytes(s));
            String outcome = null;
            try {
                if (s.toString().endsWith(".keras")) SavingApi.loadModel(s, true, true);
                else LegacyH5Format.loadModel(s, true, true);
            } catch (RuntimeException e) {
                outcome = outcome(e);
            }
            baseline.add(outcome);
        }
        List<String> failures = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        int cases = 0;
        try {
            for (long seed = 1; cases < MAX_CASES && System.nanoTime() - start < BUDGET_NANOS; seed++, cases++) {
                Random rnd = new Random(seed);
                int which = rnd.nextInt(seeds.size());
                String name = seeds.get(which).getFileName().toString();
                String[] mutation = new String[1];
                byte[] data = mutate(originals.get(which), rnd, mutation);
                Path file = tmp.resolve("case" + seed + (name.endsWith(".keras") ? ".keras" : ".h5"));
                Files.write(file, data);
                Load load = name.endsWith(".keras") ? p -> SavingApi.loadModel(p, true, true) : p -> LegacyH5Format.loadModel(p, true, true);
                Future<?> f = worker.submit(() -> {
                    load.run(file);
                    ModelFileInspector.inspect(file); // must not throw either
                    return null;
                });
                try {
                    f.get(30, TimeUnit.SECONDS); // a hang guard, not a performance assertion
                } catch (TimeoutException e) {
                    f.cancel(true);
                    failures.add("seed " + seed + " (" + name + ", " + mutation[0] + "): did not finish");
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (!(c instanceof ModelFileException) && !outcome(c).equals(baseline.get(which))) failures.add("seed " + seed + " (" + name + ", " + mutation[0] + "): " + c);
                }
                Files.deleteIfExists(file);
            }
        } finally {
            worker.shutdownNow();
        }
        assertTrue(cases > 0);
        if (!failures.isEmpty()) fail(failures.size() + " of " + cases + " mutated files failed with another exception:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    /** An exception's kind: its class and the start of its message. */
    private static String outcome(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return e.getClass().getName() + ": " + m.substring(0, Math.min(40, m.length()));
    }

    private static byte[] mutate(byte[] original, Random rnd, String[] description) {
        byte[] d = original.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
                description[0] = "flip " + n + " bits";
            }
            case 1 -> {
                int len = rnd.nextInt(d.length);
                d = Arrays.copyOf(d, len);
                description[0] = "truncate to " + len;
            }
            case 2 -> {
                int at = rnd.nextInt(d.length), n = 1 + rnd.nextInt(16);
                byte[] out = new byte[d.length + n];
                System.arraycopy(d, 0, out, 0, at);
                for (int i = 0; i < n; i++) out[at + i] = (byte) rnd.nextInt(256);
                System.arraycopy(d, at, out, at + n, d.length - at);
                d = out;
                description[0] = "insert " + n + " bytes at " + at;
            }
            default -> {
                int at = rnd.nextInt(d.length), n = Math.min(d.length - at, 1 + rnd.nextInt(8));
                for (int i = 0; i < n; i++) d[at + i] = (byte) 0xff;
                description[0] = "overwrite " + n + " bytes at " + at + " with 0xff";
            }
        }
        return d;
    }

    // ------------------------------------------------------------------ hand-made hostile files

    @Test
    void notHdf5AndEmptyFilesFailClearly() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.h5"), new byte[0]);
        assertThrows(ModelFileException.class, () -> LegacyH5Format.loadModel(empty, true, true));
        Path zip = tmp.resolve("zip.h5");
        Files.copy(SharedData.dir("conformance/keras3").resolve("sequential_masking_lstm_keras3.8.keras"), zip);
        ModelFileException e = assertThrows(ModelFileException.class, () -> LegacyH5Format.loadModel(zip, true, true));
        assertTrue(e.getMessage().contains("zip.h5"), e.getMessage());
    }

    /** A model_config that is JSON of the wrong shape: clear errors, not ClassCastException. */
    @Test
    void modelConfigWithWrongTypesFailsClearly() {
        for (String config : List.of("[1, 2]", "{\"class_name\": 3, \"config\": {}}", "{\"class_name\": \"Sequential\", \"config\": 7}",
                "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", \"config\": {\"units\": \"many\"}}]}",
                "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\"}], \"input_layers\": 5}}",
                "not json")) {
            Path file = tmp.resolve("bad" + Math.abs(config.hashCode()) + ".h5");
            try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(file)) {
                f.putAttribute("model_config", config);
                f.putAttribute("keras_version", "2.1.3");
                f.putGroup("model_weights").putGroup("x").putDataset("k", new float[] {1});
            }
            ModelFileException e = assertThrows(ModelFileException.class, () -> LegacyH5Format.loadModel(file, true, true), config);
            assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        }
    }

    /** A weight dataset whose shape disagrees with the layer: the layer, weight and both shapes are named. */
    @Test
    void datasetShapeDisagreeingWithTheLayerIsNamed() {
        Path file = tmp.resolve("shape.h5");
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", "
                + "\"units\": 3, \"batch_input_shape\": [null, 2]}}]}";
        try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(file)) {
            f.putAttribute("model_config", config);
            f.putAttribute("keras_version", "2.1.3");
            io.jhdf.api.WritableGroup mw = f.putGroup("model_weights");
            mw.putAttribute("layer_names", new String[] {"dense_1"});
            io.jhdf.api.WritableGroup g = mw.putGroup("dense_1");
            g.putAttribute("weight_names", new String[] {"dense_1/kernel:0", "dense_1/bias:0"});
            io.jhdf.api.WritableGroup inner = g.putGroup("dense_1");
            inner.putDataset("kernel:0", new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
            inner.putDataset("bias:0", new float[] {1, 2, 3});
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> LegacyH5Format.loadModel(file, true, true));
        String m = e.getMessage();
        assertTrue(m.contains("dense_1") && m.contains("kernel") && m.contains("(2, 3)") && m.contains("(2, 4)"), m);
    }
}
