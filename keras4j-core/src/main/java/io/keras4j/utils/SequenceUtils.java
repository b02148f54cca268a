package io.keras4j.utils;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;

/**
 * Keras's {@code keras.utils.pad_sequences}: a list of integer sequences of varying length (as
 * {@code Imdb} and {@code Reuters} return them) as one int32 matrix {@code (num_samples, maxlen)},
 * shorter sequences padded with {@code value}, longer ones truncated; both at the start
 * ("pre", Keras's default) or at the end ("post").
 */
public final class SequenceUtils {
    private SequenceUtils() {}

    /** Pads to the longest sequence, at the start, with 0. */
    public static Tensor padSequences(List<int[]> sequences) { return padSequences(sequences, null, "pre", "pre", 0); }

    /** Pads or truncates to {@code maxlen}, both at the start, with 0. */
    public static Tensor padSequences(List<int[]> sequences, int maxlen) { return padSequences(sequences, maxlen, "pre", "pre", 0); }

    /**
     * @param maxlen the length of every row; null: the longest sequence's
     * @param padding "pre" or "post": where the padding goes
     * @param truncating "pre" or "post": where values are cut from a longer sequence
     * @param value the padding value
     */
    public static Tensor padSequences(List<int[]> sequences, Integer maxlen, String padding, String truncating, int value) {
        if (!"pre".equals(truncating) && !"post".equals(truncating)) throw new IllegalArgumentException("Truncating type \"" + truncating + "\" not understood");
        if (!"pre".equals(padding) && !"post".equals(padding)) throw new IllegalArgumentException("Padding type \"" + padding + "\" not understood");
        if (maxlen != null && maxlen < 0) throw new IllegalArgumentException("Argument `maxlen` must be a non-negative integer or None. Received: maxlen=" + maxlen);
        int n = sequences.size();
        int len = 0;
        if (maxlen != null) len = maxlen;
        else for (int[] s : sequences) len = Math.max(len, s.length);
        int[] out = new int[n * len];
        java.util.Arrays.fill(out, value);
        for (int i = 0; i < n; i++) {
            int[] s = sequences.get(i);
            if (s.length == 0 || len == 0) continue;
            int keep = Math.min(s.length, len);
            int from = "pre".equals(truncating) ? s.length - keep : 0;      // s[-maxlen:] or s[:maxlen]
            int to = "post".equals(padding) ? i * len : i * len + len - keep; // x[i, :k] or x[i, -k:]
            System.arraycopy(s, from, out, to, keep);
        }
        return Tensor.wrap(out, Shape.of(n, len));
    }

    /**
     * Keras's full {@code pad_sequences(sequences, maxlen, dtype, padding, truncating, value)}: as
     * above with the output {@code dtype} ("int32", "int64", "float32", "float64") and a padding
     * {@code value} that may be fractional.
     */
    public static Tensor padSequences(List<int[]> sequences, Integer maxlen, String dtype, String padding, String truncating, double value) {
        io.keras4j.tensor.DType dt = io.keras4j.tensor.DType.of(dtype);
        Tensor layout = padSequences(sequences, maxlen, padding, truncating, 0);
        int n = layout.shape().dim(0), len = layout.shape().dim(1);
        double[] out = new double[n * len];
        java.util.Arrays.fill(out, value);
        for (int i = 0; i < n; i++) { // refill from the sequences so padding keeps `value` exactly
            int[] s = sequences.get(i);
            int keep = Math.min(s.length, len);
            int from = "pre".equals(truncating) ? s.length - keep : 0;
            int at = "post".equals(padding) ? 0 : len - keep;
            for (int k = 0; k < keep; k++) out[i * len + at + k] = s[from + k];
        }
        Object data = dt.allocate(out.length);
        for (int k = 0; k < out.length; k++) java.lang.reflect.Array.set(data, k, convert(out[k], dt));
        return Tensor.wrap(data, Shape.of(n, len));
    }

    private static Object convert(double v, io.keras4j.tensor.DType dt) {
        return switch (dt.kerasName()) {
            case "float32" -> (float) v;
            case "float64" -> v;
            case "int32" -> (int) v;
            case "int64" -> (long) v;
            default -> throw new IllegalArgumentException("Argument `dtype` must be numeric. Received: dtype=" + dt.kerasName());
        };
    }
}
