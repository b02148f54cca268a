package io.keras4j.wrappers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every combination of the listed values, as scikit-learn's {@code ParameterGrid}: names are taken
 * in sorted order and the last name varies fastest, so
 * {@code {"optimizer": ["adam", "sgd"], "batch_size": [16, 32]}} gives
 * {@code {batch_size=16, optimizer=adam}, {batch_size=16, optimizer=sgd}, {batch_size=32, optimizer=adam}, ...}.
 * A list of grids explores each grid in turn (settings that only make sense together).
 */
public final class ParameterGrid {
    private final List<Map<String, List<Object>>> grids;
    private final List<Params> settings;

    /** One grid: each name with the values to try. */
    public ParameterGrid(Map<String, ? extends List<?>> grid) { this(List.of(grid)); }

    /** Several grids, explored one after the other. */
    public ParameterGrid(List<? extends Map<String, ? extends List<?>>> grids) {
        if (grids == null || grids.isEmpty()) {
            throw new IllegalArgumentException("Argument `param_grid` must name at least one parameter with a non-empty list of values. Received: param_grid=" + grids);
        }
        List<Map<String, List<Object>>> copy = new ArrayList<>();
        for (Map<String, ? extends List<?>> g : grids) {
            if (g == null || g.isEmpty()) {
                throw new IllegalArgumentException("Argument `param_grid` must name at least one parameter with a non-empty list of values. Received: param_grid=" + g);
            }
            Map<String, List<Object>> sorted = new TreeMap<>();
            for (Map.Entry<String, ? extends List<?>> e : g.entrySet()) {
                List<?> values = e.getValue();
                if (values == null || values.isEmpty()) {
                    throw new IllegalArgumentException("Parameter grid for parameter '" + e.getKey() + "' needs to be a non-empty sequence, got: " + values);
                }
                sorted.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(values)));
            }
            copy.add(Collections.unmodifiableMap(sorted));
        }
        this.grids = Collections.unmodifiableList(copy);
        List<Params> all = new ArrayList<>();
        for (Map<String, List<Object>> g : this.grids) expand(g, new ArrayList<>(g.keySet()), 0, new LinkedHashMap<>(), all);
        this.settings = Collections.unmodifiableList(all);
    }

    private static void expand(Map<String, List<Object>> grid, List<String> keys, int depth, LinkedHashMap<String, Object> current, List<Params> out) {
        if (depth == keys.size()) {
            out.add(Params.of(current));
            return;
        }
        String key = keys.get(depth);
        for (Object v : grid.get(key)) {
            current.put(key, v);
            expand(grid, keys, depth + 1, current, out);
        }
        current.remove(key);
    }

    /** The number of settings (the product of the list lengths, summed over the grids). */
    public int size() { return settings.size(); }

    /** The {@code i}-th setting, in iteration order. */
    public Params get(int i) {
        if (i < 0 || i >= settings.size()) throw new IndexOutOfBoundsException("ParameterGrid index out of range: " + i + " (size " + settings.size() + ")");
        return settings.get(i);
    }

    /** All settings in order. */
    public List<Params> settings() { return settings; }

    /** The grids as given (names sorted), one map per grid. */
    public List<Map<String, List<Object>>> grids() { return grids; }

    @Override public String toString() { return "ParameterGrid" + grids; }
}
