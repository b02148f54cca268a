package io.keras4j.metrics;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base class of all metrics, as {@code keras.metrics.Metric}: a stateful accumulator that is fed
 * batches with {@link #updateState} and read with {@link #result}.
 * <pre>{@code
 * Metric m = new Precision().thresholds(0.3);
 * m.updateState(yTrue, yPred);
 * double p = m.result();
 * m.resetState();
 * }</pre>
 * State lives in plain Java doubles and is never recorded on a gradient tape. Optional Keras
 * arguments are chained setters on each subclass.
 */
public abstract class Metric {
    /** Keras's {@code backend.epsilon()}. */
    static final double EPSILON = 1e-7;

    private String name;

    /** A metric with the given default name (Keras's default for the class). */
    protected Metric(String name) { this.name = name; }

    public String name() { return name; }

    /**
     * Renames the metric; the name is the key of its value in training logs. Returns the metric as
     * a {@code Metric}, so call it last in a chain of setters.
     */
    public Metric name(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Invalid value for argument `name`: expected a non-empty string. Received: name=" + name);
        }
        this.name = name;
        return this;
    }

    /**
     * Accumulates statistics from one batch. {@code sampleWeight} may be null (every sample weighs
     * 1); a weight of 0 masks a sample.
     */
    public abstract void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    public void updateState(Tensor yTrue, Tensor yPred) { updateState(yTrue, yPred, null); }

    /**
     * The metric's current value. Metrics whose value is a vector (several thresholds, per-class
     * scores) answer here only when it holds one element; {@link #resultTensor} gives all of it.
     */
    public abstract double result();

    /** The current value as a float32 tensor: a scalar for most metrics, as Keras's {@code result()}. */
    public Tensor resultTensor() { return Tensor.scalar((float) result()); }

    /** Forgets everything accumulated, as at construction. */
    public abstract void resetState();

    /** Keras's {@code get_config}: JSON keys as Keras writes them. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("dtype", DType.FLOAT32.kerasName());
        return config;
    }

    /** The Keras class name used in configs ({@code "SparseCategoricalAccuracy"}). */
    public String className() {
        Class<?> c = getClass();
        while (c.getSimpleName().isEmpty()) c = c.getSuperclass(); // anonymous subclasses report their parent
        return c.getSimpleName();
    }

    @Override public String toString() { return "<" + className() + " name=" + name + ">"; }

    /** {@code a / b}, or 0 where {@code b} is 0: Keras's {@code divide_no_nan}. */
    static double divideNoNan(double a, double b) { return b == 0 ? 0 : a / b; }

    /** The single value of a vector result, or an error that says how to read all of it. */
    double single(double[] values, String what) {
        if (values.length != 1) {
            throw new IllegalStateException("The result of metric '" + name + "' has shape (" + values.length
                    + ",) (" + what + "): result() returns one value; read resultTensor() instead");
        }
        return values[0];
    }

    static Tensor vector(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Tensor.of(f, f.length);
    }
}
