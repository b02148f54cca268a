package io.keras4j.tensor;

/** Text rendering of tensor values, summarised like NumPy for large tensors ("..."). */
final class TensorFormat {
    private static final int EDGE = 3;
    private static final int SUMMARY_THRESHOLD = 1000;

    private TensorFormat() {}

    static void format(Tensor t, StringBuilder sb) {
        boolean summarise = t.size() > SUMMARY_THRESHOLD;
        formatAxis(t, 0, 0, summarise, sb, 7);
    }

    private static void formatAxis(Tensor t, int axis, int offset, boolean summarise, StringBuilder sb, int indent) {
        Shape s = t.shape();
        if (axis == s.rank()) {
            appendValue(t, offset, sb);
            return;
        }
        int n = s.dim(axis);
        int stride = 1;
        for (int i = axis + 1; i < s.rank(); i++) stride *= s.dim(i);
        // NumPy's separators: ", " within a row; between blocks a newline per axis below, then
        // indentation to the column after the opening brackets.
        String sep = axis == s.rank() - 1 ? ", " : "," + "\n".repeat(s.rank() - axis - 1) + " ".repeat(indent + axis + 1);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append("...");
                i = n - EDGE - 1;
                sb.append(sep);
                continue;
            }
            formatAxis(t, axis + 1, offset + i * stride, summarise, sb, indent);
            if (i < n - 1) sb.append(sep);
        }
        sb.append(']');
    }

    private static void appendValue(Tensor t, int flat, StringBuilder sb) {
        if (t.dtype() == DType.STRING) {
            sb.append('\'').append(((String[]) t.data())[flat]).append('\'');
            return;
        }
        if (!t.dtype().isFloating()) {
            // int64 read directly: a double holds only 53 bits.
            sb.append(t.dtype() == DType.INT64 ? ((long[]) t.data())[flat] : (long) t.getDouble(flat));
            return;
        }
        double v = t.getDouble(flat);
        // NumPy's spellings of the special values, and its "-0." for negative zero.
        if (Double.isNaN(v)) sb.append("nan");
        else if (Double.isInfinite(v)) sb.append(v > 0 ? "inf" : "-inf");
        else if (v == 0 && 1 / v < 0) sb.append("-0.");
        else if (v == Math.rint(v) && Math.abs(v) < 1e16) sb.append((long) v).append('.');
        else if (t.dtype() == DType.FLOAT32) sb.append((float) v);
        else sb.append(v);
    }
}
