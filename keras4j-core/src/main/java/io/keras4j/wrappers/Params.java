package io.keras4j.wrappers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One setting of named hyperparameters, as handed to a model-building function:
 * <pre>{@code
 * Function<Params, Model> build = p -> {
 *     Sequential m = new Sequential(Input.of(4), new Dense(p.getInt("units"), "relu"), new Dense(3, "softmax"));
 *     m.compile(p.getString("optimizer"), "sparse_categorical_crossentropy", "accuracy");
 *     return m;
 * };
 * }</pre>
 * Asking for a name the setting lacks fails naming the ones it has, as scikit-learn rejects an
 * invalid parameter; the getters with a default serve parameters that only some searches vary.
 * The values are fixed; a Params only remembers which names were read, so that a search can
 * report a searched name that the function never used (a typo in the grid).
 */
public final class Params {
    private final Map<String, Object> values;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    private Params(Map<String, Object> values) { this.values = values; }

    /** The setting {@code values} (names in the map's iteration order). */
    public static Params of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) throw new IllegalArgumentException("Parameter names must be non-empty strings. Received: " + values.keySet());
            copy.put(e.getKey(), e.getValue());
        }
        return new Params(Collections.unmodifiableMap(copy));
    }

    /** The empty setting. */
    public static Params empty() { return of(Map.of()); }

    /** The names and values, unmodifiable. */
    public Map<String, Object> asMap() { return values; }

    public boolean has(String name) { return values.containsKey(name); }

    /** The value of {@code name}, whatever its type. */
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("Invalid parameter '" + name + "' requested by the model-building function. Valid parameters are: "
                    + new TreeSet<>(values.keySet()) + ". Add it to the parameter grid, or read it with a default (getInt(name, default)).");
        }
        read.add(name);
        return values.get(name);
    }

    public int getInt(String name) {
        Object v = get(name);
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).intValue();
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) return n.intValue();
        throw typeError(name, v, "an integer");
    }

    public long getLong(String name) {
        Object v = get(name);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        throw typeError(name, v, "an integer");
    }

    public double getDouble(String name) {
        Object v = get(name);
        if (v instanceof Number n) return n.doubleValue();
        throw typeError(name, v, "a number");
    }

    public String getString(String name) {
        Object v = get(name);
        if (v instanceof String s) return s;
        throw typeError(name, v, "a string");
    }

    public boolean getBoolean(String name) {
        Object v = get(name);
        if (v instanceof Boolean b) return b;
        throw typeError(name, v, "a boolean");
    }

    /** The value of {@code name} as a {@code type} (an optimizer instance, a list of units, ...). */
    public <T> T get(String name, Class<T> type) {
        Object v = get(name);
        if (type.isInstance(v)) return type.cast(v);
        throw typeError(name, v, "a " + type.getSimpleName());
    }

    public int getInt(String name, int defaultValue) { return has(name) ? getInt(name) : defaultValue; }

    public double getDouble(String name, double defaultValue) { return has(name) ? getDouble(name) : defaultValue; }

    public String getString(String name, String defaultValue) { return has(name) ? getString(name) : defaultValue; }

    public boolean getBoolean(String name, boolean defaultValue) { return has(name) ? getBoolean(name) : defaultValue; }

    /** The names read so far through the getters. */
    Set<String> readNames() { return Collections.unmodifiableSet(read); }

    private IllegalArgumentException typeError(String name, Object v, String expected) {
        return new IllegalArgumentException("Parameter '" + name + "' must be " + expected + ". Received: " + name + "=" + v
                + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")"));
    }

    /** {@code {batch_size=16, optimizer=adam}}, as the results table shows a setting. */
    @Override public String toString() { return values.toString(); }

    @Override public boolean equals(Object o) { return o instanceof Params p && p.values.equals(values); }

    @Override public int hashCode() { return values.hashCode(); }
}
