package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * How often the argmax of the prediction matches the argmax of a one-hot label, as
 * {@code keras.metrics.CategoricalAccuracy}. Logits work as well as probabilities.
 */
public class CategoricalAccuracy extends MeanMetricWrapper {
    public CategoricalAccuracy() { super("categorical_accuracy"); }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values yt = Values.of(yTrue), yp = Values.of(yPred);
        int[] labels = yt.argmaxRows(), predicted = yp.argmaxRows();
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("Arguments `y_true` and `y_pred` must hold the same number of rows. Received: y_true.shape="
                    + yt.shapeString() + ", y_pred.shape=" + yp.shapeString());
        }
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) out[i] = labels[i] == predicted[i] ? 1 : 0;
        return new Values(out, yp.leadingShape());
    }

    /** Keras's {@code from_config}: the config holds only {@code name} and {@code dtype}. */
    public static CategoricalAccuracy fromConfig(Map<String, ?> config) { return configure(new CategoricalAccuracy(), config); }
}
