package io.keras4j.layers.preprocessing;

import io.keras4j.autodiff.Variable;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Normalization}: {@code (x - mean) / max(sqrt(variance), 1e-7)} (or the inverse
 * with {@code invert}), with one mean and variance per index of the kept {@code axis} (default -1;
 * none: one scalar for everything). The statistics are passed in, or learned by {@link #adapt}
 * and kept, as in Keras, in the non-trainable weights {@code mean}, {@code variance} and
 * {@code count}, so that they are saved with the model.
 */
public final class Normalization extends Layer {
    private static final double EPSILON = 1e-7; // Keras's backend.epsilon()

    private final int[] axis;
    private double[] inputMean;
    private double[] inputVariance;
    private int[] inputStatsShape;
    private boolean invert;

    private int[] keepAxis;
    private int[] reduceAxis;
    private int[] broadcastShape;
    private int[] statsShape;
    private Variable adaptMean;
    private Variable adaptVariance;
    private Tensor fixedMean;
    private Tensor fixedVariance;

    /** axis -1: a mean and variance per feature of the last axis. */
    public Normalization() { this(-1); }

    /** The kept axes; none for a single scalar mean and variance (Keras's {@code axis=None}). */
    public Normalization(int... axis) { this.axis = axis.clone(); }

    /** Scalar statistics (broadcast to the kept axes). */
    public Normalization meanAndVariance(double mean, double variance) {
        return meanAndVariance(new double[] {mean}, new double[] {variance}, new int[0]);
    }

    /** Statistics of the given shape, aligned to the kept axes from the right as Keras does. */
    public Normalization meanAndVariance(double[] mean, double[] variance, int... shape) {
        checkNotBuilt();
        if (mean.length != variance.length) {
            throw new IllegalArgumentException("When setting values directly, `mean` and `variance` must have the same shape. Received: mean shape "
                    + mean.length + " and variance shape " + variance.length);
        }
        if (shape.length > axis.length) {
            throw new IllegalArgumentException("The rank of `mean` must be less than or equal to the number of axes (" + axis.length
                    + "). Received: mean shape " + Shape.of(shape) + " for axis " + axisText());
        }
        if (Shape.of(shape).size() != mean.length) throw new IllegalArgumentException("Normalization: shape " + Shape.of(shape) + " does not hold " + mean.length + " values");
        inputMean = mean.clone();
        inputVariance = variance.clone();
        inputStatsShape = shape.clone();
        return this;
    }

    public Normalization invert(boolean value) {
        checkNotBuilt();
        invert = value;
        return this;
    }

    public static Normalization fromConfig(Layers.Config c) {
        Object a = c.containsKey("axis") ? c.raw("axis") : Integer.valueOf(-1);
        Normalization n;
        if (a == null) n = new Normalization(new int[0]);
        else if (a instanceof Number num) n = new Normalization(num.intValue());
        else if (a instanceof List<?>) n = new Normalization(c.ints("axis"));
        else throw new IllegalArgumentException("Normalization: argument `axis` must be an integer, a list of integers or None. Received: axis=" + a);
        n.invert(c.bool("invert", false));
        Object m = c.raw("mean"), v = c.raw("variance");
        if ((m == null) != (v == null)) {
            throw new IllegalArgumentException("When setting values directly, both `mean` and `variance` must be set. Received: mean=" + m + " and variance=" + v);
        }
        if (m != null) {
            List<Integer> shape = new ArrayList<>();
            double[] mean = flatten(m, shape, 0);
            double[] variance = flatten(v, new ArrayList<>(), 0);
            n.meanAndVariance(mean, variance, shape.stream().mapToInt(Integer::intValue).toArray());
        }
        return n;
    }

    /** Nested JSON lists to row-major values, recording the shape. */
    private static double[] flatten(Object v, List<Integer> shape, int depth) {
        if (v instanceof Number num) return new double[] {num.doubleValue()};
        if (!(v instanceof List<?> l)) throw new IllegalArgumentException("Normalization: `mean` and `variance` must be numbers or nested lists. Received: " + v);
        if (shape.size() == depth) shape.add(l.size());
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (Object e : l) {
            double[] p = flatten(e, shape, depth + 1);
            parts.add(p);
            n += p.length;
        }
        double[] out = new double[n];
        int i = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    private String axisText() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < axis.length; i++) sb.append(i > 0 ? ", " : "").append(axis[i]);
        return sb.append(axis.length == 1 ? ",)" : ")").toString();
    }

    @Override public void build(Shape inputShape) {
        int ndim = inputShape.rank();
        for (int a : axis) {
            if (a < -ndim || a >= ndim) {
                throw new IllegalArgumentException("All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=" + ndim + ", while axis=" + axisText());
            }
        }
        keepAxis = Arrays.stream(axis).map(a -> a < 0 ? a + ndim : a).sorted().distinct().toArray();
        for (int d : keepAxis) {
            if (inputShape.dim(d) == Shape.UNKNOWN) {
                throw new IllegalArgumentException("All `axis` values to be kept must have a known shape. Received axis=" + axisText()
                        + ", inputs.shape=" + inputShape + ", with unknown axis at index " + d);
            }
        }
        List<Integer> reduce = new ArrayList<>();
        broadcastShape = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            final int at = d;
            boolean kept = Arrays.stream(keepAxis).anyMatch(k -> k == at);
            broadcastShape[d] = kept ? inputShape.dim(d) : 1;
            if (!kept) reduce.add(d);
        }
        reduceAxis = reduce.stream().mapToInt(Integer::intValue).toArray();
        statsShape = Arrays.stream(keepAxis).map(inputShape::dim).toArray();
        if (inputMean == null) {
            adaptMean = addWeight("mean", Shape.of(statsShape), Initializers.get("zeros"), false);
            adaptVariance = addWeight("variance", Shape.of(statsShape), Initializers.get("ones"), false);
            // Keras keeps a "count" weight for old saved models; an integer scalar (int64, as TF's "int").
            DType own = dtype();
            dtype(DType.INT64);
            addWeight("count", Shape.scalar(), Initializers.get("zeros"), false);
            dtype(own);
        } else {
            int[] expanded = new int[ndim];
            Arrays.fill(expanded, 1);
            for (int i = 1; i <= inputStatsShape.length; i++) expanded[keepAxis[keepAxis.length - i]] = inputStatsShape[inputStatsShape.length - i];
            fixedMean = Ops.broadcastTo(Tensor.of(inputMean, expanded), Shape.of(broadcastShape));
            fixedVariance = Ops.broadcastTo(Tensor.of(inputVariance, expanded), Shape.of(broadcastShape));
        }
    }

    /** Learns the mean and variance of {@code data} over the reduced axes (NumPy's mean and population variance). */
    public Normalization adapt(Tensor data) { return adapt(List.of(data)); }

    /**
     * Learns them over batches, merged as Keras merges them (a running mean and the lack-of-fit
     * sum of squares), which equals the statistics of all batches together.
     */
    public Normalization adapt(Iterable<Tensor> batches) {
        double[] totalMean = null, totalVar = null;
        long totalCount = 0;
        for (Tensor batch : batches) {
            if (!built()) ensureBuilt(batch.shape());
            else {
                for (int d : keepAxis) {
                    if (batch.shape().dim(d) != builtInputShape().dim(d)) {
                        throw new IllegalArgumentException("The layer was built with input_shape=" + builtInputShape()
                                + ", but adapt() is being called with data with an incompatible shape, data.shape=" + batch.shape());
                    }
                }
            }
            if (inputMean != null) return this; // fixed statistics: nothing to learn, as finalize_state in Keras
            double[][] mv = meanAndVariance(batch);
            long count = 1;
            for (int d : reduceAxis) count *= batch.shape().dim(d);
            if (totalMean == null) {
                totalMean = new double[mv[0].length];
                totalVar = new double[mv[0].length];
            }
            totalCount += count;
            double bw = (double) count / totalCount, ew = 1 - bw;
            for (int i = 0; i < totalMean.length; i++) {
                double newMean = totalMean[i] * ew + mv[0][i] * bw;
                totalVar[i] = (totalVar[i] + sq(totalMean[i] - newMean)) * ew + (mv[1][i] + sq(mv[0][i] - newMean)) * bw;
                totalMean[i] = newMean;
            }
        }
        if (totalMean == null) {
            throw new IllegalArgumentException("adapt() received an empty iterable (no batches). Expected at least one batch.");
        }
        adaptMean.assign(Ops.cast(Tensor.of(totalMean, statsShape), adaptMean.dtype()));
        adaptVariance.assign(Ops.cast(Tensor.of(totalVar, statsShape), adaptVariance.dtype()));
        return this;
    }

    private static double sq(double x) { return x * x; }

    /** Per kept index: the mean and the population variance of the batch over the reduced axes. */
    private double[][] meanAndVariance(Tensor batch) {
        int[] dims = batch.shape().dims();
        int stats = Shape.of(statsShape).size();
        double[] sum = new double[stats];
        long[] n = new long[stats];
        double[] x = batch.toDoubleArray();
        int[] idx = new int[dims.length];
        int[] statOf = new int[x.length];
        for (int flat = 0; flat < x.length; flat++) {
            int s = 0;
            for (int k : keepAxis) s = s * dims[k] + idx[k];
            statOf[flat] = s;
            sum[s] += x[flat];
            n[s]++;
            for (int d = dims.length - 1; d >= 0 && ++idx[d] == dims[d]; d--) idx[d] = 0;
        }
        double[] mean = new double[stats], var = new double[stats];
        for (int s = 0; s < stats; s++) mean[s] = sum[s] / Math.max(1, n[s]);
        for (int flat = 0; flat < x.length; flat++) var[statOf[flat]] += sq(x[flat] - mean[statOf[flat]]);
        for (int s = 0; s < stats; s++) var[s] /= Math.max(1, n[s]);
        return new double[][] {mean, var};
    }

    /** The learned (or given) mean, in the kept axes' shape. */
    public Tensor mean() { return inputMean != null ? fixedMean.withShape(Shape.of(statsShape)) : adaptMean.numpy(); }

    /** The learned (or given) variance, in the kept axes' shape. */
    public Tensor variance() { return inputMean != null ? fixedVariance.withShape(Shape.of(statsShape)) : adaptVariance.numpy(); }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor x = inputs.dtype() == dtype() ? inputs : Ops.cast(inputs, dtype());
        Tensor mean = inputMean != null ? fixedMean : Ops.reshape(adaptMean.value(), Shape.of(broadcastShape));
        Tensor variance = inputMean != null ? fixedVariance : Ops.reshape(adaptVariance.value(), Shape.of(broadcastShape));
        mean = Ops.cast(mean, dtype());
        Tensor std = Ops.maximum(Ops.sqrt(Ops.cast(variance, dtype())), EPSILON);
        return invert ? Ops.add(mean, Ops.multiply(x, std)) : Ops.divide(Ops.subtract(x, mean), std);
    }

    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        List<Integer> a = new ArrayList<>();
        for (int d : axis) a.add(d);
        c.put("axis", a);
        c.put("invert", invert);
        c.put("mean", inputMean == null ? null : nested(inputMean, inputStatsShape));
        c.put("variance", inputVariance == null ? null : nested(inputVariance, inputStatsShape));
        return c;
    }

    /** NumPy's tolist(): a scalar for shape (), nested lists otherwise. */
    private static Object nested(double[] v, int[] shape) {
        if (shape.length == 0) return v[0];
        return nested(v, shape, 0, 0);
    }

    private static Object nested(double[] v, int[] shape, int depth, int offset) {
        List<Object> l = new ArrayList<>();
        int stride = 1;
        for (int i = depth + 1; i < shape.length; i++) stride *= shape[i];
        for (int i = 0; i < shape[depth]; i++) l.add(depth == shape.length - 1 ? (Object) v[offset + i] : nested(v, shape, depth + 1, offset + i * stride));
        return l;
    }
}
