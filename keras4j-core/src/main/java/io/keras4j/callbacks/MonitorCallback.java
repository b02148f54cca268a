package io.keras4j.callbacks;

import java.util.Map;
import java.util.Set;

/**
 * Keras's {@code MonitorCallback}: the shared logic of callbacks that watch one logged quantity
 * ({@link EarlyStopping}, {@link ModelCheckpoint}, {@link ReduceLROnPlateau}): the direction of
 * improvement from {@code mode}, and "improved" meaning better than the reference by more than
 * {@code min_delta}.
 */
public abstract class MonitorCallback extends Callback {
    static final System.Logger LOG = System.getLogger("io.keras4j.callbacks");

    // Keras's metrics that declare `_direction` (keras/src/metrics/*): "auto" mode looks names up here.
    private static final Set<String> UP = Set.of("accuracy", "binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
            "precision", "recall", "auc", "f1_score", "fbeta_score", "iou", "binary_iou", "mean_iou", "one_hot_iou",
            "one_hot_mean_iou", "pearson_correlation", "concordance_correlation", "cosine_similarity", "r2_score",
            "precision_at_recall", "recall_at_precision", "sensitivity_at_specificity", "specificity_at_sensitivity");
    private static final Set<String> DOWN = Set.of("mean_squared_error", "mean_absolute_error",
            "mean_absolute_percentage_error", "mean_squared_logarithmic_error", "root_mean_squared_error", "logcosh",
            "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy", "hinge",
            "squared_hinge", "categorical_hinge");

    protected String monitor = "val_loss";
    protected String mode = "auto";
    protected double minDelta;
    /** The best value so far, or null before the first. */
    protected Double best;
    // +1: larger is better, -1: smaller is better, 0: not resolved yet (resolved at the first epoch end, as Keras).
    private int direction;

    protected MonitorCallback(double minDelta) { this.minDelta = Math.abs(minDelta); }

    void setMonitor(String value) {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("Argument `monitor` must be a metric name. Received: monitor=" + value);
        monitor = value;
        direction = 0;
    }

    void setMode(String value) {
        if (!"auto".equals(value) && !"min".equals(value) && !"max".equals(value)) {
            warn(getClass().getSimpleName() + " mode '" + value + "' is unknown, fallback to auto mode.");
            value = "auto";
        }
        mode = value;
        direction = 0;
    }

    void setMinDelta(double value) {
        if (Double.isNaN(value)) throw new IllegalArgumentException("Argument `min_delta` must be a number. Received: min_delta=" + value);
        minDelta = Math.abs(value);
    }

    public String monitor() { return monitor; }

    public String mode() { return mode; }

    public double minDelta() { return minDelta; }

    /** Picks the comparison from {@code mode}, or in "auto" mode from the metric's name. */
    protected void resolveDirection() {
        if (direction != 0) return;
        if ("min".equals(mode)) direction = -1;
        else if ("max".equals(mode)) direction = 1;
        else {
            String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
            if (name.equals("loss") || DOWN.contains(name)) direction = -1;
            else if (UP.contains(name)) direction = 1;
            else {
                throw new IllegalArgumentException(getClass().getSimpleName() + " callback received monitor=" + monitor
                        + ", but Keras isn't able to automatically determine whether that metric should be maximized or minimized. "
                        + "Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order "
                        + "to use the lowest value.");
            }
        }
    }

    /** Whether {@code value} beats {@code reference} by more than min_delta; anything beats null. */
    protected boolean isImprovement(double value, Double reference) {
        resolveDirection();
        if (reference == null) return true;
        // Keras: monitor_op(value - min_delta, reference) with min_delta negated for "less".
        return direction > 0 ? value - minDelta > reference : value + minDelta < reference;
    }

    /** Keras's {@code warnings.warn}: once per occurrence, through the platform logger. */
    protected void warn(String message) { LOG.log(System.Logger.Level.WARNING, message); }

    /** The log keys joined as Keras's warnings list them. */
    static String keys(Map<String, Double> logs) { return logs == null ? "" : String.join(",", logs.keySet()); }
}
