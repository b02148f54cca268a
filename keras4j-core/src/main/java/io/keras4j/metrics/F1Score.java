package io.keras4j.metrics;

import java.util.Map;

/**
 * The F-1 score, {@code 2 * precision * recall / (precision + recall)}, as
 * {@code keras.metrics.F1Score}: {@link FBetaScore} with beta fixed at 1. By default it keeps one
 * score per class (read {@link #resultTensor()}); {@code average("macro")}, "micro" or "weighted"
 * gives one value.
 * <pre>{@code
 * new F1Score().average("macro").threshold(0.5)
 * }</pre>
 */
public class F1Score extends FBetaScore {
    public F1Score() { super("f1_score"); }

    @Override public F1Score average(String average) {
        super.average(average);
        return this;
    }

    @Override public F1Score threshold(double threshold) {
        super.threshold(threshold);
        return this;
    }

    /** F1Score has no {@code beta} argument in Keras: use {@link FBetaScore} for another beta. */
    @Override public F1Score beta(double beta) {
        throw new UnsupportedOperationException("F1Score has beta fixed at 1.0; use FBetaScore to choose beta. Received: beta=" + beta);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.remove("beta");
        return config;
    }

    /** Keras's {@code from_config}: {@code name}, {@code dtype}, {@code average}, {@code threshold} (no {@code beta}). */
    public static F1Score fromConfig(Map<String, ?> config) {
        F1Score m = configure(new F1Score(), config, "average", "threshold");
        m.withArguments(config);
        return m;
    }
}
