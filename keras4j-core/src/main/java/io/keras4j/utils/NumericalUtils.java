package io.keras4j.utils;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

/**
 * Keras's {@code keras.utils} array helpers from its {@code numerical_utils} module:
 * {@link #toCategorical} and {@link #normalize}. They prepare data before training, so they work
 * on plain arrays and are not recorded by a gradient tape.
 */
public final class NumericalUtils {
    private NumericalUtils() {}

    /** {@code toCategorical(y, -1)}: the number of classes is inferred as {@code max(y) + 1}. */
    public static Tensor toCategorical(Tensor y) { return toCategorical(y, -1); }

    /**
     * Converts a class vector (integers from 0 to {@code numClasses - 1}) to a one-hot float32 matrix,
     * the class axis last, as {@code keras.utils.to_categorical}. A trailing axis of size 1 is
     * dropped first, so labels of shape (n, 1) give (n, numClasses), not (n, 1, numClasses).
     *
     * @param numClasses the number of classes, or -1 to infer {@code max(y) + 1}
     */
    public static Tensor toCategorical(Tensor y, int numClasses) {
        if (numClasses == 0 || numClasses < -1) {
            throw new IllegalArgumentException("Argument `num_classes` must be a positive integer or None. Received: num_classes=" + numClasses);
        }
        int n = y.size();
        int[] labels = new int[n];
        int max = -1;
        for (int i = 0; i < n; i++) {
            double v = y.getDouble(i);
            // Keras converts the labels with np.array(x, dtype="int64"), which truncates toward zero.
            labels[i] = (int) v;
            if (labels[i] < 0) {
                throw new IllegalArgumentException("Class values must be non-negative integers. Received: " + v + " at index " + i);
            }
            max = Math.max(max, labels[i]);
        }
        int classes = numClasses == -1 ? max + 1 : numClasses;
        if (max >= classes) {
            throw new IllegalArgumentException("Class value " + max + " is out of range for num_classes=" + classes
                    + ": class values must be integers from 0 to num_classes - 1.");
        }
        int[] dims = y.shape().dims();
        int keep = dims.length > 1 && dims[dims.length - 1] == 1 ? dims.length - 1 : dims.length;
        int[] out = new int[keep + 1];
        System.arraycopy(dims, 0, out, 0, keep);
        out[keep] = classes;
        float[] data = new float[n * classes];
        for (int i = 0; i < n; i++) data[i * classes + labels[i]] = 1f;
        return Tensor.wrap(data, Shape.of(out));
    }

    /** {@code normalize(x, -1, 2)}: each row scaled to unit L2 norm. */
    public static Tensor normalize(Tensor x) { return normalize(x, -1, 2); }

    /**
     * Divides {@code x} by its L-{@code order} norm along {@code axis}, as {@code keras.utils.normalize}
     * on NumPy arrays: vectors whose norm is 0 are left as they are (divided by 1). Float64 input
     * stays float64; other dtypes give float32.
     *
     * @param axis  the axis the norm runs along (negative counts from the end)
     * @param order the norm's exponent, an integer >= 1
     */
    public static Tensor normalize(Tensor x, int axis, int order) {
        if (order < 1) throw new IllegalArgumentException("Argument `order` must be an int >= 1. Received: order=" + order);
        int rank = Math.max(1, x.rank());
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException("Argument `axis` is out of bounds for an array of rank " + rank + ". Received: axis=" + axis);
        }
        int ax = axis < 0 ? axis + rank : axis;
        int[] dims = x.rank() == 0 ? new int[] {1} : x.shape().dims();
        int len = dims[ax];
        int inner = 1;
        for (int i = ax + 1; i < dims.length; i++) inner *= dims[i];
        int outer = x.size() / Math.max(1, len * inner);
        double[] out = x.toDoubleArray();
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double norm = norm(out, base, inner, len, order);
                if (norm == 0) continue;
                for (int k = 0; k < len; k++) out[base + k * inner] /= norm;
            }
        }
        Shape shape = Shape.of(dims);
        if (x.dtype() == DType.FLOAT64) return Tensor.wrap(out, shape);
        float[] f = new float[out.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) out[i];
        return Tensor.wrap(f, shape);
    }

    private static double norm(double[] v, int base, int stride, int len, int order) {
        // Scaled by the largest magnitude so that |x|^order neither overflows nor underflows.
        double scale = 0;
        for (int k = 0; k < len; k++) scale = Math.max(scale, Math.abs(v[base + k * stride]));
        if (scale == 0 || !Double.isFinite(scale)) return scale;
        double sum = 0;
        for (int k = 0; k < len; k++) sum += Math.pow(Math.abs(v[base + k * stride]) / scale, order);
        return scale * (order == 1 ? sum : order == 2 ? Math.sqrt(sum) : Math.pow(sum, 1.0 / order));
    }
}
