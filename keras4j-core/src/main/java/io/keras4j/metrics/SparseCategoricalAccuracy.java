package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * How often the argmax of the prediction equals an integer label, as
 * {@code keras.metrics.SparseCategoricalAccuracy}. Labels may be int or float tensors of shape
 * {@code (batch,)} or {@code (batch, 1)}.
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {
    public SparseCategoricalAccuracy() { super("sparse_categorical_accuracy"); }

    @Override protected Tensor values(Tensor yTrue, Tensor yPred) { return samplewise(yTrue, yPred).toTensor(); }

    @Override Values samplewise(Tensor yTrue, Tensor yPred) {
        Values yt = Values.of(yTrue), yp = Values.of(yPred);
        if (yt.rank() == yp.rank() && yt.lastDim() == 1) yt = yt.squeezeLast();
        int[] predicted = yp.argmaxRows();
        double[] p = new double[predicted.length];
        for (int i = 0; i < p.length; i++) p[i] = predicted[i];
        Values matches = Values.map2(yt, new Values(p, yp.leadingShape()), (t, q) -> t == q ? 1 : 0);
        return matches.rank() > 1 && matches.lastDim() == 1 ? matches.squeezeLast() : matches;
    }

    /** Keras's {@code from_config}: the config holds only {@code name} and {@code dtype}. */
    public static SparseCategoricalAccuracy fromConfig(Map<String, ?> config) { return configure(new SparseCategoricalAccuracy(), config); }
}
