package io.keras4j.conformance;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conformance directory: the index {@code cases.json}, the data files it points to (read once,
 * on first use) and the optional {@code losses.json} / {@code optimizers.json}; see
 * {@code conformance/FORMAT.md}.
 */
final class CaseSet {
    /** Python's json module writes NaN and Infinity bare; Keras outputs may hold them. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** Case keys that only the Keras 3 extension of the format defines. */
    private static final Set<String> KERAS3_CASE_KEYS = Set.of("batch", "training", "semantics", "keras_source", "float32_artifact");

    /**
     * Config keys that only Keras 1/2 wrote (Keras 3 reads them only through its legacy loader).
     * Not {@code output_dim}: Keras 1's Dense units, but Embedding's argument in every version.
     */
    private static final Set<String> LEGACY_CONFIG_KEYS = Set.of("batch_input_shape", "input_dtype");

    final Path dir;
    final Map<String, Map<String, Object>> index;
    final int kerasVersion;
    private final Map<String, Map<String, Object>> files = new HashMap<>();

    private CaseSet(Path dir, Map<String, Map<String, Object>> index) {
        this.dir = dir;
        this.index = index;
        this.kerasVersion = detectKerasVersion();
    }

    /** Opens a directory; fails with a message naming what is missing when it is not a case set. */
    static CaseSet open(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("conformance directory not found: " + dir);
        Path indexFile = dir.resolve("cases.json");
        if (!Files.isRegularFile(indexFile)) throw new IllegalArgumentException("no cases.json in " + dir);
        Map<String, Object> raw = read(indexFile);
        Map<String, Map<String, Object>> index = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?>)) throw new IllegalArgumentException(indexFile + ": case " + e.getKey() + " is not an object");
            index.put(e.getKey(), map(e.getValue()));
        }
        return new CaseSet(dir, index);
    }

    /**
     * Keras 3 when the set shows a marker that only the Keras 3 extension of the format has (case
     * keys {@code batch}, {@code training}, {@code semantics}, {@code keras_source},
     * {@code float32_artifact}; a {@code negative_slope} config key; a {@code losses.json} or
     * {@code optimizers.json}) and no key that only Keras 1/2 wrote ({@code batch_input_shape},
     * {@code input_dtype}); Keras 2 otherwise. keras-js has no Keras 3 marker,
     * so it is Keras 2. An InputLayer's {@code batch_shape} decides nothing: keras-js writes it
     * for its stateful cases, and Keras 3's own {@code InputLayer.get_config} writes it too.
     */
    private int detectKerasVersion() {
        boolean keras3 = Files.exists(dir.resolve("losses.json")) || Files.exists(dir.resolve("optimizers.json"));
        boolean legacy = false;
        for (Map<String, Object> c : index.values()) {
            for (String key : c.keySet()) keras3 |= KERAS3_CASE_KEYS.contains(key);
            if (!(c.get("model") instanceof Map<?, ?> model) || !(model.get("layers") instanceof List<?> layers)) continue;
            for (Object layer : layers) {
                if (!(layer instanceof Map<?, ?> l) || !(l.get("config") instanceof Map<?, ?> config)) continue;
                for (Object key : config.keySet()) {
                    keras3 |= "negative_slope".equals(key);
                    legacy |= LEGACY_CONFIG_KEYS.contains(key);
                }
            }
        }
        return keras3 && !legacy ? 3 : 2;
    }

    /** The data of case {@code id} in the file its index entry names. */
    Map<String, Object> data(String file, String id) {
        Map<String, Object> content = files.computeIfAbsent(file, f -> read(dir.resolve(f)));
        Object entry = content.get(id);
        if (!(entry instanceof Map<?, ?>)) throw new IllegalArgumentException("no data for case " + id + " in " + file);
        return map(entry);
    }

    /** A file in the set's root (losses.json, optimizers.json), or null when absent. */
    Map<String, Object> optionalFile(String name) {
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? read(p) : null;
    }

    private static Map<String, Object> read(Path file) {
        try {
            Object v = JSON.readValue(file.toFile(), Object.class);
            if (!(v instanceof Map<?, ?>)) throw new IllegalArgumentException(file + " does not hold a JSON object");
            return map(v);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v) { return (Map<String, Object>) v; }

    /**
     * The tensor a {@code {"data": [...], "shape": [...]}} object describes, in {@code dtype}, with
     * a batch dimension of 1 put in front when {@code addBatch}.
     */
    static Tensor tensor(Object spec, DType dtype, boolean addBatch) {
        if (!(spec instanceof Map<?, ?> m) || !(m.get("data") instanceof List<?> data) || !(m.get("shape") instanceof List<?> dims)) {
            throw new IllegalArgumentException("expected a {\"data\": [...], \"shape\": [...]} object, got " + abbreviate(spec));
        }
        int[] shape = new int[dims.size() + (addBatch ? 1 : 0)];
        if (addBatch) shape[0] = 1;
        for (int i = 0; i < dims.size(); i++) shape[i + (addBatch ? 1 : 0)] = ((Number) dims.get(i)).intValue();
        if (Shape.of(shape).size() != data.size()) {
            throw new IllegalArgumentException("data has " + data.size() + " values but shape " + dims + " holds " + Shape.of(shape).size());
        }
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) values[i] = number(data.get(i));
        return switch (dtype) {
            case FLOAT64 -> Tensor.of(values, shape);
            case FLOAT32 -> {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
                yield Tensor.of(f, shape);
            }
            case INT32 -> {
                int[] a = new int[values.length];
                for (int i = 0; i < a.length; i++) a[i] = (int) values[i];
                yield Tensor.ofInts(a, shape);
            }
            case INT64 -> {
                long[] a = new long[values.length];
                for (int i = 0; i < a.length; i++) a[i] = (long) values[i];
                yield Tensor.ofLongs(a, shape);
            }
            case STRING -> throw new IllegalArgumentException("numeric data cannot make a string tensor");
        };
    }

    private static double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) return Double.parseDouble(s); // "NaN", "Infinity" written as strings
        throw new IllegalArgumentException("not a number: " + v);
    }

    private static String abbreviate(Object v) {
        String s = String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
