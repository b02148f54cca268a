package io.keras4j.initializers;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds initializers by Keras's names, as {@code keras.initializers.get / serialize / deserialize}.
 * Accepted: the class names ({@code "GlorotUniform"}), their snake_case forms
 * ({@code "glorot_uniform"}) and Keras's aliases ({@code "normal"}, {@code "uniform"}, {@code "one"},
 * {@code "zero"}, {@code "IdentityInitializer"}, {@code "OrthogonalInitializer"}); case matters, as
 * in Keras.
 */
public final class Initializers {
    private Initializers() {}

    /** Alias or snake_case name → class name. */
    private static final Map<String, String> NAMES = table();

    private static Map<String, String> table() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String cls : List.of("Constant", "Identity", "Ones", "Zeros", "GlorotNormal", "GlorotUniform", "HeNormal",
                "HeUniform", "LecunNormal", "LecunUniform", "Orthogonal", "RandomNormal", "RandomUniform",
                "TruncatedNormal", "VarianceScaling")) {
            m.put(cls, cls);
            m.put(cls.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT), cls);
        }
        m.put("IdentityInitializer", "Identity");
        m.put("OrthogonalInitializer", "Orthogonal");
        m.put("normal", "RandomNormal");
        m.put("uniform", "RandomUniform");
        m.put("one", "Ones");
        m.put("zero", "Zeros");
        return Collections.unmodifiableMap(m);
    }

    /** Every name {@link #get} accepts, sorted. */
    public static Set<String> names() { return Collections.unmodifiableSet(new TreeSet<>(NAMES.keySet())); }

    /** A new initializer with Keras's defaults, e.g. {@code get("he_normal")}; null gives null, as in Keras. */
    public static Initializer get(String name) { return name == null ? null : get(name, Map.of()); }

    /**
     * A new initializer from its name and config (Keras's {@code from_config}), e.g.
     * {@code get("RandomNormal", Map.of("stddev", 1.0, "seed", 3))}. Keys are Keras's snake_case
     * argument names; a missing key takes Keras's default.
     */
    public static Initializer get(String name, Map<String, ?> config) {
        String cls = NAMES.get(name);
        if (cls == null) {
            throw new IllegalArgumentException("Could not interpret initializer identifier: " + name
                    + ". Valid names are: " + String.join(", ", names()));
        }
        Config c = new Config(cls, config == null ? Map.of() : config);
        Initializer init = switch (cls) {
            case "Zeros" -> new Zeros();
            case "Ones" -> new Ones();
            case "Constant" -> new Constant(c.number("value", 0.0));
            case "Identity" -> new Identity(c.number("gain", 1.0));
            case "Orthogonal" -> new Orthogonal(c.number("gain", 1.0), c.seed());
            case "RandomNormal" -> new RandomNormal(c.number("mean", 0.0), c.number("stddev", 0.05), c.seed());
            case "TruncatedNormal" -> new TruncatedNormal(c.number("mean", 0.0), c.number("stddev", 0.05), c.seed());
            case "RandomUniform" -> new RandomUniform(c.number("minval", -0.05), c.number("maxval", 0.05), c.seed());
            case "VarianceScaling" -> new VarianceScaling(c.number("scale", 1.0), c.string("mode", "fan_in"),
                    c.string("distribution", "truncated_normal"), c.seed(), c.axes("input_axes"), c.axes("output_axes"));
            case "GlorotNormal" -> new GlorotNormal(c.seed(), c.axes("input_axes"), c.axes("output_axes"));
            case "GlorotUniform" -> new GlorotUniform(c.seed(), c.axes("input_axes"), c.axes("output_axes"));
            case "HeNormal" -> new HeNormal(c.seed(), c.axes("input_axes"), c.axes("output_axes"));
            case "HeUniform" -> new HeUniform(c.seed(), c.axes("input_axes"), c.axes("output_axes"));
            case "LecunNormal" -> new LecunNormal(c.seed(), c.axes("input_axes"), c.axes("output_axes"));
            case "LecunUniform" -> new LecunUniform(c.seed(), c.axes("input_axes"), c.axes("output_axes"));
            default -> throw new IllegalStateException("no factory for initializer " + cls);
        };
        c.rejectUnused();
        return init;
    }

    /**
     * Keras 3's serialised form, {@code {"module": "keras.initializers", "class_name": ...,
     * "config": {...}, "registered_name": null}}.
     */
    public static Map<String, Object> serialize(Initializer initializer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.initializers");
        m.put("class_name", initializer.className());
        m.put("config", initializer.getConfig());
        m.put("registered_name", null);
        return m;
    }

    /** The initializer a serialised {@code {"class_name": ..., "config": {...}}} describes (Keras 2 or 3). */
    public static Initializer deserialize(Map<String, ?> serialized) {
        Object cls = serialized.get("class_name");
        if (!(cls instanceof String s)) {
            throw new IllegalArgumentException("Could not interpret initializer identifier: " + serialized
                    + ". Expected a dict with a string `class_name`.");
        }
        Object config = serialized.get("config");
        if (config != null && !(config instanceof Map)) {
            throw new IllegalArgumentException("Could not interpret initializer config for " + s + ": " + config);
        }
        @SuppressWarnings("unchecked") Map<String, ?> c = (Map<String, ?>) config;
        return get(s, c);
    }

    /** Reads a config map the way Python binds keyword arguments, remembering which were used. */
    private static final class Config {
        private final String cls;
        private final Map<String, ?> values;
        private final Set<String> used = new HashSet<>();

        Config(String cls, Map<String, ?> values) {
            this.cls = cls;
            this.values = values;
            used.add("dtype"); // TF 1.x-era configs carry a dtype that Keras 3 ignores
        }

        private Object take(String key) {
            used.add(key);
            return values.get(key);
        }

        double number(String key, double fallback) {
            Object v = take(key);
            if (v == null) return fallback;
            if (v instanceof Number n) return n.doubleValue();
            throw new IllegalArgumentException(cls + ": argument `" + key + "` must be a number. Received: " + key + "=" + v);
        }

        String string(String key, String fallback) {
            Object v = take(key);
            return v == null ? fallback : v.toString();
        }

        Long seed() {
            Object v = take("seed");
            if (v == null) return null;
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
            throw new IllegalArgumentException("`seed` argument should be an instance of `keras.random.SeedGenerator()` or an integer. Received: seed=" + v);
        }

        int[] axes(String key) {
            Object v = take(key);
            if (v == null) return null;
            if (v instanceof Number n) return new int[] {n.intValue()};
            if (v instanceof List<?> l) {
                int[] a = new int[l.size()];
                for (int i = 0; i < a.length; i++) a[i] = ((Number) l.get(i)).intValue();
                return a;
            }
            if (v instanceof int[] a) return a.clone();
            throw new IllegalArgumentException(cls + ": argument `" + key + "` must be a list of integers. Received: " + key + "=" + v);
        }

        void rejectUnused() {
            for (String key : values.keySet()) {
                if (!used.contains(key)) throw new IllegalArgumentException(cls + ".__init__() got an unexpected keyword argument '" + key + "'");
            }
        }
    }
}
