package io.keras4j.regularizers;

import java.util.Map;
import java.util.Set;

/**
 * Finds regularizers as {@code keras.regularizers.get}: by class name ({@code "L2"}), its
 * snake_case form ({@code "l2"}, {@code "l1l2"}, {@code "orthogonal_regularizer"}) or a serialised
 * dict ({@code {"class_name": "L2", "config": {"l2": 0.001}}}, Keras 2 and 3). {@code "l1_l2"},
 * the name Keras documents as "l1=0.01 and l2=0.01", gives exactly that.
 */
public final class Regularizers {
    private Regularizers() {}

    private static final Set<String> NAMES = Set.of("L1", "l1", "L2", "l2", "L1L2", "l1l2", "l1_l2",
            "OrthogonalRegularizer", "orthogonal_regularizer");

    /** A regularizer with Keras's defaults; null gives null, as in Keras. */
    public static Regularizer get(String identifier) {
        if (identifier == null) return null;
        if (!NAMES.contains(identifier)) throw new IllegalArgumentException("Could not interpret regularizer identifier: " + identifier);
        if (identifier.equals("l1_l2")) return new L1L2(0.01, 0.01);
        return create(identifier, Map.of());
    }

    /** A regularizer from Keras's serialised form; null gives null. */
    public static Regularizer get(Map<String, ?> serialized) {
        if (serialized == null) return null;
        Object cls = serialized.get("class_name");
        Object config = serialized.get("config");
        if (!(cls instanceof String name) || !NAMES.contains(name) || name.equals("l1_l2") || (config != null && !(config instanceof Map))) {
            throw new IllegalArgumentException("Could not interpret regularizer identifier: " + serialized);
        }
        @SuppressWarnings("unchecked") Map<String, ?> c = config == null ? Map.of() : (Map<String, ?>) config;
        return create(name, c);
    }

    /** A string, a serialised dict, a regularizer or null, as a layer's config holds them. */
    public static Regularizer get(Object identifier) {
        if (identifier == null || identifier instanceof Regularizer) return (Regularizer) identifier;
        if (identifier instanceof String s) return get(s);
        if (identifier instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked") Map<String, ?> map = (Map<String, ?>) m;
            return get(map);
        }
        throw new IllegalArgumentException("Could not interpret regularizer identifier: " + identifier);
    }

    /** Keras's {@code serialize}: null for none. */
    public static Map<String, Object> serialize(Regularizer r) { return r == null ? null : r.serialize(); }

    private static Regularizer create(String name, Map<String, ?> config) {
        ConfigReader c = new ConfigReader(name, config);
        Regularizer r = switch (name) {
            case "L1", "l1" -> new L1(c.number("l1", 0.01));
            case "L2", "l2" -> new L2(c.number("l2", 0.01));
            case "L1L2", "l1l2" -> new L1L2(c.number("l1", 0.0), c.number("l2", 0.0));
            default -> new OrthogonalRegularizer(c.number("factor", 0.01), c.string("mode", "rows"));
        };
        c.rejectUnused();
        return r;
    }

    /** Reads a config as Python's {@code cls(**config)}: None takes the default, unknown keys fail. */
    private static final class ConfigReader {
        private final String cls;
        private final Map<String, ?> values;
        private final java.util.Set<String> used = new java.util.HashSet<>();

        ConfigReader(String cls, Map<String, ?> values) {
            this.cls = cls;
            this.values = values;
        }

        double number(String key, double fallback) {
            used.add(key);
            Object v = values.get(key);
            if (v == null) return fallback;
            if (v instanceof Number n) return n.doubleValue();
            throw new IllegalArgumentException("Invalid value for argument " + key + ": expected a non-negative float.Received: " + key + "=" + v);
        }

        String string(String key, String fallback) {
            used.add(key);
            Object v = values.get(key);
            return v == null ? fallback : v.toString();
        }

        void rejectUnused() {
            for (String k : values.keySet()) {
                if (!used.contains(k)) throw new IllegalArgumentException(cls + ".__init__() got an unexpected keyword argument '" + k + "'");
            }
        }
    }
}
