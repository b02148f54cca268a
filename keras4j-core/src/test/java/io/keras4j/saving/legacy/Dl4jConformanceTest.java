package io.keras4j.saving.legacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.keras4j.SharedData;
import io.keras4j.layers.Layers;
import io.keras4j.models.Model;
import io.keras4j.saving.KerasJson;
import io.keras4j.saving.ModelConfigs;
import io.keras4j.saving.ModelFileException;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The DL4J Keras-import test files ({@code conformance/dl4j}, see its README section 2): models
 * saved by Keras 1.2-2.11 and tf.keras, with the predictions Keras itself made.
 */
class Dl4jConformanceTest {
    // The README reports Keras's predictions reproduced to ~1e-7 with numpy; float32 sums over
    // up to 784 inputs (MNIST MLP) justify a little more.
    private static final double ATOL = 1e-5, RTOL = 1e-4;

    private static Path root() { return SharedData.dir("conformance/dl4j"); }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> index(Path root) throws IOException {
        return new ObjectMapper().readValue(root.resolve("INDEX.json").toFile(), Map.class);
    }

    /** Every case with Keras-made predictions: from model.h5, and from config.json + weights.h5. */
    @TestFactory
    List<DynamicTest> predictionsMatchKeras() throws IOException {
        Path root = root();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : index(root).entrySet()) {
            if (!e.getValue().containsKey("expected_output_group")) continue;
            String c = e.getKey();
            Path io = root.resolve(c + "_inputs_and_outputs.h5");
            Path model = root.resolve(c + "_model.h5");
            Path config = root.resolve(c + "_config.json");
            Path weights = root.resolve(c + "_weights.h5");
            if (Files.exists(model)) {
                tests.add(DynamicTest.dynamicTest(c + " (model.h5)", () -> check(LegacyH5Format.loadModel(model, true, true), io)));
            }
            if (Files.exists(config) && Files.exists(weights)) {
                tests.add(DynamicTest.dynamicTest(c + " (config.json + weights.h5)", () -> {
                    Model m = ModelConfigs.fromConfig(KerasJson.readObject(Files.readString(config), "config"));
                    LegacyH5Format.loadWeights(m, weights, false, false);
                    check(m, io);
                }));
            }
        }
        assertTrue(tests.size() >= 70, "expected the ~73 DL4J cases with predictions, found " + tests.size());
        return tests;
    }

    private static void check(Model model, Path io) throws IOException {
        try (HdfFile f = new HdfFile(io)) {
            List<String> inputs = jsonList(f, "inputs");
            List<String> outputs = jsonList(f, "outputs");
            assertEquals(1, inputs.size(), "single-input cases only");
            Tensor x = read((Dataset) f.getByPath("inputs/" + inputs.get(0)));
            List<Tensor> y = model.predictAll(List.of(x));
            assertEquals(outputs.size(), y.size());
            for (int i = 0; i < outputs.size(); i++) {
                Tensor expected = read((Dataset) f.getByPath("predictions/" + outputs.get(i)));
                assertClose(expected, y.get(i), outputs.get(i));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> jsonList(HdfFile f, String key) {
        Map<String, Object> m = KerasJson.readObject((String) f.getAttribute(key).getData(), key);
        return (List<String>) m.get(key);
    }

    static Tensor read(Dataset ds) {
        Object flat = ds.getDataFlat();
        int[] dims = ds.getDimensions();
        if (flat instanceof float[] a) return Tensor.of(a, dims);
        double[] d = (double[]) flat;
        float[] a = new float[d.length];
        for (int i = 0; i < d.length; i++) a[i] = (float) d[i];
        return Tensor.of(a, dims);
    }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what + ": shape");
        float[] e = expected.toFloatArray(), a = actual.toFloatArray();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]) - (ATOL + RTOL * Math.abs(e[i]));
            if (err > worst || Double.isNaN(a[i])) { worst = Double.isNaN(a[i]) ? Double.POSITIVE_INFINITY : err; at = i; }
        }
        if (at >= 0) fail(what + ": element " + at + " is " + a[at] + ", Keras gave " + e[at]);
    }

    /** {@code fullconfigs/cnn}: Conv2D-BatchNormalization-ReLU-Conv2D-Flatten-Dense with .npy input and Keras predictions. */
    @Test
    void cnnBatchNormMatchesKerasPredictions() throws IOException {
        Path dir = root().resolve("fullconfigs/cnn");
        Model model = LegacyH5Format.loadModel(dir.resolve("cnn_batch_norm.h5"), false, true);
        Tensor x = Npy.read(dir.resolve("input.npy"));
        Tensor expected = Npy.read(dir.resolve("predictions.npy"));
        assertClose(expected, model.predict(x), "predictions.npy");
    }

    /**
     * Every legacy model file and every config the index lists loads, or fails with the
     * compatibility report naming only layer classes keras4j does not have.
     */
    @TestFactory
    List<DynamicTest> everyModelFileAndConfigLoadsOrNamesWhatIsMissing() throws IOException {
        Path root = root();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : index(root).values()) {
            @SuppressWarnings("unchecked") Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) c.get("files");
            for (Map.Entry<String, Map<String, Object>> f : files.entrySet()) {
                String rel = f.getKey();
                Object kind = f.getValue().get("file_kind");
                Path p = root.resolve(rel);
                if (kind != null && kind.toString().startsWith("full model")) {
                    tests.add(DynamicTest.dynamicTest(rel, () -> loadsOrNamesMissing(p, () -> LegacyH5Format.loadModel(p, true, true))));
                } else if (rel.endsWith(".json") && f.getValue().get("class_name") != null) {
                    tests.add(DynamicTest.dynamicTest(rel, () -> loadsOrNamesMissing(p,
                            () -> ModelConfigs.fromConfig(KerasJson.readObject(Files.readString(p), rel)))));
                }
            }
        }
        assertTrue(tests.size() >= 100, "expected every model file and config of the index, found " + tests.size());
        return tests;
    }

    private interface Loader { Model load() throws Exception; }

    private static void loadsOrNamesMissing(Path p, Loader loader) throws Exception {
        // Layer classes in the file that keras4j lacks; anything else must load.
        Map<String, Object> config = p.toString().endsWith(".json")
                ? KerasJson.readObject(Files.readString(p), p.toString())
                : KerasJson.readObject(modelConfigText(p), p.toString());
        TreeSet<String> missing = new TreeSet<>();
        layerClasses(config, missing);
        missing.removeIf(Layers::isRegistered);
        missing.removeAll(java.util.Set.of("Sequential", "Model", "Functional"));
        Model model;
        try {
            model = loader.load();
        } catch (ModelFileException | IllegalArgumentException | UnsupportedOperationException e) {
            ModelFileInspector.Report report = ModelFileInspector.inspect(p);
            assertFalse(missing.isEmpty(), p + " should load, but failed: " + e.getMessage() + "\n" + report.render());
            assertFalse(report.problems().isEmpty(), "the report of " + p + " lists nothing, but loading failed: " + e);
            String all = String.join("\n", report.problems());
            for (String cls : missing) assertTrue(all.contains(cls), "the report should name " + cls + ":\n" + report.render());
            // Keras 1 spellings of arguments are only partly supported; later files may fail only for missing layers.
            boolean keras1 = String.valueOf(config.get("keras_version")).startsWith("1") || report.kerasVersion() != null && report.kerasVersion().startsWith("1");
            for (String problem : report.problems()) {
                assertTrue(keras1 || missing.stream().anyMatch(problem::contains), "problem '" + problem + "' names none of the missing layers " + missing);
            }
            if (!p.toString().endsWith(".json")) {
                for (String cls : missing) assertTrue(e.getMessage().contains(cls), "the error should name " + cls + ": " + e.getMessage());
            }
            return;
        }
        assertTrue(missing.isEmpty(), p + " loaded although keras4j has no " + missing);
        assertFalse(model.layers().isEmpty());
    }

    /** The class names of every layer entry in a model config: layer lists, nested models, wrapped layers. */
    private static void layerClasses(Object node, java.util.Set<String> out) {
        if (node instanceof List<?> l) {
            for (Object o : l) layerClasses(o, out);
        } else if (node instanceof Map<?, ?> m) {
            if (m.get("class_name") instanceof String cls && m.containsKey("config")) {
                Object config = m.get("config");
                boolean layerList = config instanceof List<?> || config instanceof Map<?, ?> c && c.get("layers") instanceof List<?>;
                out.add(cls);
                if (layerList) layerClasses(config instanceof Map<?, ?> c ? c.get("layers") : config, out);
                else if (config instanceof Map<?, ?> c && c.get("layer") instanceof Map<?, ?> inner) layerClasses(inner, out);
            }
        }
    }

    private static String modelConfigText(Path p) {
        try (HdfFile f = new HdfFile(p)) {
            return H5Attributes.string(f, "model_config");
        }
    }
}
