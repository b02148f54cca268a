package io.keras4j.metrics;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    private DType dtype = DType.FLOAT32;

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

    /** Keras's {@code dtype} argument, as written in the config (default float32). */
    public DType dtype() { return dtype; }

    /**
     * Sets Keras's {@code dtype} argument, the dtype of {@link #resultTensor} (float32 or float64;
     * the state is accumulated in doubles either way). Returns the metric as a {@code Metric}, so
     * call it last in a chain of setters.
     */
    public Metric dtype(DType dtype) {
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
            throw new IllegalArgumentException("Invalid value for argument `dtype`: expected a floating dtype (float32 or float64). Received: dtype=" + dtype);
        }
        this.dtype = dtype;
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

    /** The current value as a tensor of the metric's dtype: a scalar for most metrics, as Keras's {@code result()}. */
    public Tensor resultTensor() { return dtype == DType.FLOAT32 ? Tensor.scalar((float) result()) : Tensor.scalar(result(), dtype); }

    /** Forgets everything accumulated, as at construction. */
    public abstract void resetState();

    /** Keras's {@code get_config}: JSON keys as Keras writes them. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("dtype", dtype.kerasName());
        return config;
    }

    // ------------------------------------------------------------------ reading configs back

    /**
     * Sets {@code name} and {@code dtype} from a Keras config, for the subclasses' {@code fromConfig};
     * any key outside those two and {@code keys} is refused, as Keras's {@code cls(**config)} refuses
     * an unexpected keyword argument.
     */
    static <M extends Metric> M configure(M metric, Map<String, ?> config, String... keys) {
        Set<String> allowed = new TreeSet<>(List.of(keys));
        allowed.add("name");
        allowed.add("dtype");
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unrecognized keyword arguments passed to " + metric.className() + ": " + unknown
                    + ". Expected some of " + allowed);
        }
        Object name = config.get("name");
        if (name != null && !(name instanceof String)) {
            throw new IllegalArgumentException("Invalid value for argument `name`: expected a string. Received: name=" + name);
        }
        if (name != null) metric.name((String) name);
        Object dtype = config.get("dtype");
        if (dtype instanceof String d) metric.dtype(DType.of(d));
        else if (dtype instanceof DType d) metric.dtype(d);
        else if (dtype != null) throw new IllegalArgumentException("Invalid value for argument `dtype`: expected a dtype name. Received: dtype=" + dtype);
        return metric;
    }

    /** A number from a config, or null where the key is absent or null (Keras's None). */
    static Double number(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v == null) return null;
        if (!(v instanceof Number n)) throw new IllegalArgumentException("Argument `" + key + "` must be a number. Received: " + key + "=" + v);
        return n.doubleValue();
    }

    /** A whole number from a config (JSON may write 2 as 2.0), or null where absent or null. */
    static Integer integer(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v == null) return null;
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Argument `" + key + "` must be an integer. Received: " + key + "=" + v);
        }
        return n.intValue();
    }

    static Boolean bool(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v == null) return null;
        if (!(v instanceof Boolean b)) throw new IllegalArgumentException("Argument `" + key + "` must be a boolean. Received: " + key + "=" + v);
        return b;
    }

    static String string(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v == null) return null;
        if (!(v instanceof String s)) throw new IllegalArgumentException("Argument `" + key + "` must be a string. Received: " + key + "=" + v);
        return s;
    }

    /** A float or a list of floats from a config, as an array; null where absent or null. */
    static double[] numbers(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v == null) return null;
        if (v instanceof Number n) return new double[] {n.doubleValue()};
        if (v instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("Argument `" + key + "` must be a float or a list of floats. Received: " + key + "=" + v);
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        if (v instanceof double[] d) return d.clone();
        throw new IllegalArgumentException("Argument `" + key + "` must be a float or a list of floats. Received: " + key + "=" + v);
    }

    /** The values as a JSON-ready list. */
    static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) out.add(v);
        return out;
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

    /** A vector result in the metric's dtype. */
    Tensor vector(double[] values) {
        if (dtype == DType.FLOAT64) return Tensor.of(values.clone(), values.length);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Tensor.of(f, f.length);
    }
}
