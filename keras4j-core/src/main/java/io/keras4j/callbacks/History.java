package io.keras4j.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records the epoch logs of {@code fit}; {@code fit} returns it (Keras's {@code History}). */
public final class History extends Callback {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> history = new LinkedHashMap<>();

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }

    /** Per-metric values, one per epoch ("loss", "accuracy", "val_loss", ...). */
    public Map<String, List<Double>> history() { return Collections.unmodifiableMap(history); }

    /** The values of one metric; an unknown name fails listing the known ones. */
    public List<Double> get(String metric) {
        List<Double> v = history.get(metric);
        if (v == null) throw new IllegalArgumentException("No metric named '" + metric + "' in history. Available: " + history.keySet());
        return Collections.unmodifiableList(v);
    }

    /** The epoch indices that were run (0-based, as Keras's {@code history.epoch}). */
    public List<Integer> epoch() { return Collections.unmodifiableList(epochs); }

    public Map<String, Object> params() { return params; }

    @Override public String toString() { return "History" + history; }
}
