package io.keras4j.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape. A dimension of -1 is unknown (Keras's {@code None}), as in the batch
 * dimension of a layer's symbolic output shape.
 */
public final class Shape {
    public static final int UNKNOWN = -1;
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) { this.dims = dims; }

    public static Shape of(int... dims) {
        if (dims.length == 0) return SCALAR;
        for (int d : dims) {
            if (d < UNKNOWN) throw new IllegalArgumentException("Invalid shape " + Arrays.toString(dims) + ": dimensions must be >= 0 (or -1 for None)");
        }
        return new Shape(dims.clone());
    }

    public static Shape scalar() { return SCALAR; }

    public int rank() { return dims.length; }

    /** Dimension {@code axis}; negative axes count from the end as in Keras. */
    public int dim(int axis) { return dims[normalizeAxis(axis)]; }

    public int[] dims() { return dims.clone(); }

    public boolean isFullyDefined() {
        for (int d : dims) if (d == UNKNOWN) return false;
        return true;
    }

    /** Number of elements; fails for shapes with unknown dimensions. */
    public int size() {
        long n = 1;
        for (int d : dims) {
            if (d == UNKNOWN) throw new IllegalStateException("Shape " + this + " has unknown dimensions");
            n *= d;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("Shape " + this + " has more than 2^31-1 elements");
        return (int) n;
    }

    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for a tensor of rank " + dims.length);
        }
        return a;
    }

    /** This shape with the first dimension replaced (e.g. the batch size). */
    public Shape withDim(int axis, int value) {
        int[] d = dims.clone();
        d[normalizeAxis(axis)] = value;
        return new Shape(d);
    }

    /** Dimensions from {@code from} (inclusive) to {@code to} (exclusive). */
    public Shape sub(int from, int to) { return new Shape(Arrays.copyOfRange(dims, from, to)); }

    /** The shape of one sample: this shape without its first (batch) dimension. */
    public Shape dropFirst() { return sub(1, dims.length); }

    /** A new shape with {@code first} prepended (e.g. the batch dimension). */
    public Shape prepend(int first) {
        int[] d = new int[dims.length + 1];
        d[0] = first;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    public Shape append(int last) {
        int[] d = Arrays.copyOf(dims, dims.length + 1);
        d[dims.length] = last;
        return new Shape(d);
    }

    /** Row-major strides in elements. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** NumPy broadcasting of two shapes. */
    public static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da == db || db == 1) out[i] = da;
            else if (da == 1) out[i] = db;
            else throw new IllegalArgumentException("Cannot broadcast shapes " + a + " and " + b);
        }
        return new Shape(out);
    }

    @Override public boolean equals(Object o) { return o instanceof Shape s && Arrays.equals(dims, s.dims); }

    @Override public int hashCode() { return Arrays.hashCode(dims); }

    /** Python tuple notation, as Keras prints shapes: {@code (None, 10)}, {@code (3,)}, {@code ()}. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(dims[i] == UNKNOWN ? "None" : Integer.toString(dims[i]));
        }
        if (dims.length == 1) sb.append(',');
        return sb.append(')').toString();
    }
}
