package io.keras4j.layers.preprocessing;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

/**
 * Keras's {@code numerical_utils.encode_categorical_inputs}, shared by CategoryEncoding, Hashing,
 * Discretization and the lookup layers: integer bucket indices to {@code "int"} (as they are),
 * {@code "one_hot"} (a depth axis per element; a trailing axis of 1 is replaced),
 * {@code "multi_hot"} / {@code "count"} (the last axis is the sample: one depth-vector per sample).
 * Indices outside {@code [0, depth)} add nothing, as TensorFlow's bincount drops them (the lookup
 * layers rely on that to drop mask tokens).
 */
final class CategoricalInputs {
    private CategoricalInputs() {}

    /** The output shape for an input shape (Keras's compute_output_shape of these layers). */
    static Shape outputShape(Shape in, String mode, int depth) {
        if (mode.equals("int")) return in;
        if (in.rank() == 0) return Shape.of(depth);
        int[] d = in.dims();
        if (mode.equals("one_hot")) {
            if (d.length > 1 && d[d.length - 1] == 1) d[d.length - 1] = depth;
            else return in.append(depth);
            return Shape.of(d);
        }
        d[d.length - 1] = depth;
        return Shape.of(d);
    }

    /**
     * Encodes {@code indices} (of shape {@code shape}); {@code weights} (same size, or null)
     * weigh each element in {@code "count"} mode, {@code idf} (length depth, or null) multiplies
     * the counts in {@code "tf_idf"} mode.
     */
    static Tensor encode(long[] indices, Shape shape, String mode, int depth, DType dtype, double[] weights, double[] idf) {
        if (mode.equals("int")) return integers(indices, shape, dtype);
        Shape out = outputShape(shape, mode, depth);
        double[] o = new double[out.size()];
        if (mode.equals("one_hot")) {
            for (int i = 0; i < indices.length; i++) {
                long k = indices[i];
                if (k >= 0 && k < depth) o[i * depth + (int) k] = 1;
            }
        } else {
            int sample = shape.rank() == 0 ? 1 : shape.dim(shape.rank() - 1);
            for (int i = 0; i < indices.length; i++) {
                long k = indices[i];
                if (k < 0 || k >= depth) continue;
                int at = (sample == 0 ? 0 : i / sample) * depth + (int) k;
                if (mode.equals("multi_hot")) o[at] = 1;
                else o[at] += weights == null ? 1 : weights[i];
            }
            if (mode.equals("tf_idf")) {
                for (int i = 0; i < o.length; i++) o[i] *= idf[i % depth];
            }
        }
        return floats(o, out, dtype);
    }

    static Tensor integers(long[] v, Shape shape, DType dtype) {
        return switch (dtype) {
            case INT64 -> Tensor.wrap(v.clone(), shape);
            case INT32 -> {
                int[] a = new int[v.length];
                for (int i = 0; i < a.length; i++) a[i] = (int) v[i];
                yield Tensor.wrap(a, shape);
            }
            default -> {
                double[] a = new double[v.length];
                for (int i = 0; i < a.length; i++) a[i] = v[i];
                yield floats(a, shape, dtype);
            }
        };
    }

    static Tensor floats(double[] v, Shape shape, DType dtype) {
        if (dtype == DType.FLOAT64) return Tensor.wrap(v, shape);
        if (dtype == DType.FLOAT32) {
            float[] f = new float[v.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) v[i];
            return Tensor.wrap(f, shape);
        }
        long[] l = new long[v.length];
        for (int i = 0; i < l.length; i++) l[i] = (long) v[i];
        return integers(l, shape, dtype);
    }

    /** The values of an integer or floating tensor as longs (floats truncated toward zero, as a cast). */
    static long[] longs(Tensor t) {
        if (t.dtype() == DType.INT64) return ((long[]) t.data()).clone();
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) out[i] = (long) t.getDouble(i);
        return out;
    }

    /** Keras's validate_string_arg check and message. */
    static void requireOneOf(String value, String caller, String arg, String... allowed) {
        for (String a : allowed) if (a.equals(value)) return;
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < allowed.length; i++) tuple.append(i > 0 ? ", " : "").append('\'').append(allowed[i]).append('\'');
        tuple.append(allowed.length == 1 ? ",)" : ")");
        throw new IllegalArgumentException("Unknown value for `" + arg + "` argument of " + caller + ". Allowed values are: "
                + tuple + ". Received: " + arg + "=" + value);
    }
}
