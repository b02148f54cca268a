package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * How often predictions equal labels exactly, as {@code keras.metrics.Accuracy}: for labels
 * {@code [[1], [2], [3], [4]]} and predictions {@code [[0], [2], [3], [4]]} it is 0.75. (For
 * probabilities use {@link BinaryAccuracy} or {@link CategoricalAccuracy}; the string "accuracy"
 * in {@code compile} picks one of those, see {@link Metrics#resolveAccuracy}.)
 */
public class Accuracy extends MeanMetricWrapper {
    public Accuracy() { super("accuracy"); }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values[] same = Values.sameRank(Values.of(yTrue), Values.of(yPred), true);
        return Values.map2(same[0], same[1], (t, p) -> t == p ? 1 : 0);
    }

    /** Keras's {@code from_config}: the config holds only {@code name} and {@code dtype}. */
    public static Accuracy fromConfig(Map<String, ?> config) { return configure(new Accuracy(), config); }
}
