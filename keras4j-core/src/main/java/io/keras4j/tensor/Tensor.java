package io.keras4j.tensor;

import java.util.Arrays;

/**
 * A dense, row-major, immutable n-dimensional array. The storage array is shared without copying
 * inside keras4j for speed ({@link #data()}); nothing may write to it after the tensor is made,
 * except a {@code Variable} assigning its own value. Public accessors ({@link #toFloatArray()}, ...)
 * return copies.
 */
public final class Tensor {
    private final Shape shape;
    private final DType dtype;
    private final Object data;

    private Tensor(Shape shape, DType dtype, Object data) {
        this.shape = shape;
        this.dtype = dtype;
        this.data = data;
    }

    /** Wraps a storage array without copying; its length must equal the shape's size. */
    public static Tensor wrap(Object data, Shape shape) {
        DType dt = DType.ofStorage(data);
        int len = java.lang.reflect.Array.getLength(data);
        if (len != shape.size()) {
            throw new IllegalArgumentException("Cannot make a tensor of shape " + shape + " (" + shape.size()
                    + " elements) from " + len + " values");
        }
        return new Tensor(shape, dt, data);
    }

    // ---- creation from Java arrays (copies) ----

    public static Tensor of(float[] values, int... shape) {
        return wrap(values.clone(), shape.length == 0 && values.length != 1 ? Shape.of(values.length) : Shape.of(shape));
    }

    public static Tensor of(double[] values, int... shape) {
        return wrap(values.clone(), shape.length == 0 && values.length != 1 ? Shape.of(values.length) : Shape.of(shape));
    }

    public static Tensor ofInts(int[] values, int... shape) {
        return wrap(values.clone(), shape.length == 0 && values.length != 1 ? Shape.of(values.length) : Shape.of(shape));
    }

    public static Tensor ofLongs(long[] values, int... shape) {
        return wrap(values.clone(), shape.length == 0 && values.length != 1 ? Shape.of(values.length) : Shape.of(shape));
    }

    /** A string tensor (Keras's {@code dtype="string"}); a null element reads as "". */
    public static Tensor ofStrings(String[] values, int... shape) {
        String[] copy = new String[values.length];
        for (int i = 0; i < copy.length; i++) copy[i] = values[i] == null ? "" : values[i];
        return wrap(copy, shape.length == 0 && values.length != 1 ? Shape.of(values.length) : Shape.of(shape));
    }

    public static Tensor of(float[][] rows) {
        int n = rows.length, m = n == 0 ? 0 : rows[0].length;
        float[] out = new float[n * m];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != m) throw new IllegalArgumentException("Ragged array: row " + i + " has " + rows[i].length + " values, expected " + m);
            System.arraycopy(rows[i], 0, out, i * m, m);
        }
        return new Tensor(Shape.of(n, m), DType.FLOAT32, out);
    }

    public static Tensor of(double[][] rows) {
        int n = rows.length, m = n == 0 ? 0 : rows[0].length;
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != m) throw new IllegalArgumentException("Ragged array: row " + i + " has " + rows[i].length + " values, expected " + m);
            System.arraycopy(rows[i], 0, out, i * m, m);
        }
        return new Tensor(Shape.of(n, m), DType.FLOAT64, out);
    }

    public static Tensor of(float[][][] blocks) {
        int n = blocks.length, m = n == 0 ? 0 : blocks[0].length, k = m == 0 ? 0 : blocks[0][0].length;
        float[] out = new float[n * m * k];
        for (int i = 0; i < n; i++) {
            if (blocks[i].length != m) throw new IllegalArgumentException("Ragged array at index " + i);
            for (int j = 0; j < m; j++) {
                if (blocks[i][j].length != k) throw new IllegalArgumentException("Ragged array at index " + i + ", " + j);
                System.arraycopy(blocks[i][j], 0, out, (i * m + j) * k, k);
            }
        }
        return new Tensor(Shape.of(n, m, k), DType.FLOAT32, out);
    }

    public static Tensor scalar(float v) { return new Tensor(Shape.scalar(), DType.FLOAT32, new float[] {v}); }

    public static Tensor scalar(double v, DType dtype) { return full(Shape.scalar(), v, dtype); }

    public static Tensor zeros(Shape shape, DType dtype) { return new Tensor(shape, dtype, dtype.allocate(shape.size())); }

    public static Tensor zeros(int... shape) { return zeros(Shape.of(shape), DType.FLOAT32); }

    public static Tensor ones(int... shape) { return full(Shape.of(shape), 1, DType.FLOAT32); }

    public static Tensor full(Shape shape, double value, DType dtype) {
        int n = shape.size();
        Object d = dtype.allocate(n);
        switch (dtype) {
            case FLOAT32 -> Arrays.fill((float[]) d, (float) value);
            case FLOAT64 -> Arrays.fill((double[]) d, value);
            case INT32 -> Arrays.fill((int[]) d, (int) value);
            case INT64 -> Arrays.fill((long[]) d, (long) value);
            case STRING -> throw notNumeric(dtype);
        }
        return new Tensor(shape, dtype, d);
    }

    // ---- properties ----

    public Shape shape() { return shape; }

    public DType dtype() { return dtype; }

    public int rank() { return shape.rank(); }

    public int size() { return shape.size(); }

    /** The storage array, shared: read-only by contract. */
    public Object data() { return data; }

    /** The float32 storage, shared: read-only by contract. */
    public float[] floats() {
        if (dtype != DType.FLOAT32) throw new IllegalStateException("Tensor has dtype " + dtype + ", not float32");
        return (float[]) data;
    }

    /** The string storage, shared: read-only by contract. */
    public String[] strings() {
        if (dtype != DType.STRING) throw new IllegalStateException("Tensor has dtype " + dtype + ", not string");
        return (String[]) data;
    }

    /** The error for asking a string tensor for numbers. */
    public static IllegalArgumentException notNumeric(DType dtype) {
        return new IllegalArgumentException("This operation needs a numeric tensor, but the tensor has dtype " + dtype
                + "; string tensors are for the text preprocessing layers (StringLookup, Hashing, TextVectorization)");
    }

    /** The float64 storage, shared: read-only by contract. */
    public double[] doubles() {
        if (dtype != DType.FLOAT64) throw new IllegalStateException("Tensor has dtype " + dtype + ", not float64");
        return (double[]) data;
    }

    // ---- conversion back to Java (copies) ----

    public double getDouble(int flatIndex) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[flatIndex];
            case FLOAT64 -> ((double[]) data)[flatIndex];
            case INT32 -> ((int[]) data)[flatIndex];
            case INT64 -> ((long[]) data)[flatIndex];
            case STRING -> throw notNumeric(dtype);
        };
    }

    /** Element at a multi-index. */
    public double get(int... index) {
        if (index.length != shape.rank()) throw new IllegalArgumentException("Index " + Arrays.toString(index) + " does not match shape " + shape);
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            if (index[i] < 0 || index[i] >= d) throw new IndexOutOfBoundsException("index " + index[i] + " is out of bounds for axis " + i + " with size " + d);
            flat = flat * d + index[i];
        }
        return getDouble(flat);
    }

    /** The single value of a tensor with one element. */
    public double item() {
        if (size() != 1) throw new IllegalStateException("item() needs a tensor with one element, got shape " + shape);
        return getDouble(0);
    }

    public float[] toFloatArray() {
        int n = size();
        float[] out = new float[n];
        if (dtype == DType.FLOAT32) System.arraycopy(data, 0, out, 0, n);
        else for (int i = 0; i < n; i++) out[i] = (float) getDouble(i);
        return out;
    }

    public double[] toDoubleArray() {
        int n = size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = getDouble(i);
        return out;
    }

    public int[] toIntArray() {
        int n = size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = (int) getDouble(i);
        return out;
    }

    public float[][] toFloat2D() {
        if (rank() != 2) throw new IllegalStateException("toFloat2D() needs a rank-2 tensor, got shape " + shape);
        int n = shape.dim(0), m = shape.dim(1);
        float[] flat = toFloatArray();
        float[][] out = new float[n][m];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * m, out[i], 0, m);
        return out;
    }

    /** A copy with the same shape and dtype, safe to keep while the original's owner mutates it. */
    public Tensor copy() {
        int n = size();
        Object d = dtype.allocate(n);
        System.arraycopy(data, 0, d, 0, n);
        return new Tensor(shape, dtype, d);
    }

    /** The same data viewed with another shape of equal size (no copy). */
    public Tensor withShape(Shape newShape) {
        if (newShape.size() != size()) {
            throw new IllegalArgumentException("Cannot reshape a tensor of shape " + shape + " (" + size() + " elements) into shape " + newShape);
        }
        return new Tensor(newShape, dtype, data);
    }

    /** NumPy-style text, rows on their own lines: {@code tensor([[1., 2.],\n        [3., 4.]], shape=(2, 2), dtype=float32)}. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        TensorFormat.format(this, sb);
        return sb.append(", shape=").append(shape).append(", dtype=").append(dtype).append(')').toString();
    }
}
