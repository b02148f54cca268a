package io.keras4j.constraints;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds constraints as {@code keras.constraints.get}: by class name ({@code "MaxNorm"}), its
 * snake_case form ({@code "max_norm"}, {@code "non_neg"}, {@code "unit_norm"},
 * {@code "min_max_norm"}) or a serialised dict ({@code {"class_name": "MaxNorm", "config":
 * {"max_value": 3, "axis": 0}}}, Keras 2 and 3).
 */
public final class Constraints {
    private Constraints() {}

    private static final Set<String> NAMES = Set.of("MaxNorm", "max_norm", "MinMaxNorm", "min_max_norm", "NonNeg", "non_neg",
            "UnitNorm", "unit_norm");

    /** A constraint with Keras's defaults; null gives null. */
    public static Constraint get(String identifier) {
        if (identifier == null) return null;
        if (!NAMES.contains(identifier)) throw new IllegalArgumentException("Could not interpret constraint identifier: " + identifier);
        return create(identifier, Map.of());
    }

    /** A constraint from Keras's serialised form; null gives null. */
    public static Constraint get(Map<String, ?> serialized) {
        if (serialized == null) return null;
        Object cls = serialized.get("class_name");
        Object config = serialized.get("config");
        if (!(cls instanceof String name) || !NAMES.contains(name) || (config != null && !(config instanceof Map))) {
            throw new IllegalArgumentException("Could not interpret constraint identifier: " + serialized);
        }
        @SuppressWarnings("unchecked") Map<String, ?> c = config == null ? Map.of() : (Map<String, ?>) config;
        return create(name, c);
    }

    /** A string, a serialised dict, a constraint or null, as a layer's config holds them. */
    public static Constraint get(Object identifier) {
        if (identifier == null || identifier instanceof Constraint) return (Constraint) identifier;
        if (identifier instanceof String s) return get(s);
        if (identifier instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked") Map<String, ?> map = (Map<String, ?>) m;
            return get(map);
        }
        throw new IllegalArgumentException("Could not interpret constraint identifier: " + identifier);
    }

    /** Keras's {@code serialize}: null for none. */
    public static Map<String, Object> serialize(Constraint c) { return c == null ? null : c.serialize(); }

    private static Constraint create(String name, Map<String, ?> config) {
        Set<String> used = new HashSet<>();
        Constraint c = switch (name) {
            case "MaxNorm", "max_norm" -> new MaxNorm(number(config, "max_value", 2, used), axis(config, used));
            case "MinMaxNorm", "min_max_norm" -> new MinMaxNorm(number(config, "min_value", 0, used),
                    number(config, "max_value", 1, used), number(config, "rate", 1, used), axis(config, used));
            case "NonNeg", "non_neg" -> new NonNeg();
            default -> new UnitNorm(axis(config, used));
        };
        for (String k : config.keySet()) {
            if (!used.contains(k)) throw new IllegalArgumentException(c.className() + "() got an unexpected keyword argument '" + k + "'");
        }
        return c;
    }

    private static double number(Map<String, ?> config, String key, double fallback, Set<String> used) {
        used.add(key);
        Object v = config.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("Argument `" + key + "` must be a float. Received: " + key + "=" + v);
    }

    private static Object axis(Map<String, ?> config, Set<String> used) {
        used.add("axis");
        Object v = config.get("axis");
        return v == null ? (Object) 0 : v;
    }
}
