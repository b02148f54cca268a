package io.keras4j.backend.jvm;

import io.keras4j.backend.Backend.ConvGeometry;
import io.keras4j.tensor.DType;

import java.util.Arrays;

/**
 * N-D max and average pooling, channels last. The inner loops run over the contiguous channels of
 * one cell. Padding cells take no part: a max never sees them and an average divides by the number
 * of cells inside the input (TensorFlow's and Keras's "same" pooling).
 */
final class Pooling {
    private Pooling() {}

    static void maxPool(DType dt, Object x, ConvGeometry g, Object out) {
        int[] table = Windows.table(g);
        int p = Windows.product(g.outSpatial()), s = Windows.product(g.inSpatial()), k = Windows.product(g.kernel()), c = g.inChannels();
        if (dt == DType.FLOAT32 && Sgemm.vectorized()) {
            Parallel.forRange(g.batch(), 1, (from, to) -> VectorPooling.maxPool((float[]) x, table, p, s, k, c, (float[]) out, from, to));
            return;
        }
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int o = 0; o < p; o++) {
                    int dst = (b * p + o) * c;
                    if (dt == DType.FLOAT32) {
                        float[] xs = (float[]) x, ys = (float[]) out;
                        Arrays.fill(ys, dst, dst + c, Float.NEGATIVE_INFINITY);
                        for (int w = 0; w < k; w++) {
                            int cell = table[o * k + w];
                            if (cell < 0) continue;
                            int src = (b * s + cell) * c;
                            for (int j = 0; j < c; j++) ys[dst + j] = Math.max(ys[dst + j], xs[src + j]);
                        }
                    } else {
                        double[] xs = asDoubles(dt, x), ys = (double[]) out;
                        Arrays.fill(ys, dst, dst + c, Double.NEGATIVE_INFINITY);
                        for (int w = 0; w < k; w++) {
                            int cell = table[o * k + w];
                            if (cell < 0) continue;
                            int src = (b * s + cell) * c;
                            for (int j = 0; j < c; j++) ys[dst + j] = Math.max(ys[dst + j], xs[src + j]);
                        }
                    }
                }
            }
        });
    }

    /**
     * Each window's gradient goes to the first cell holding its maximum, as TensorFlow's
     * MaxPoolGrad. The window is scanned cell by cell over contiguous channels (a running best per
     * channel), not channel by channel over strided cells: several times faster.
     */
    static void maxPoolGrad(DType dt, Object x, Object dy, ConvGeometry g, Object dx) {
        int[] table = Windows.table(g);
        int p = Windows.product(g.outSpatial()), s = Windows.product(g.inSpatial()), k = Windows.product(g.kernel()), c = g.inChannels();
        Layout.fillZero(dx, g.batch() * s * c);
        if (dt == DType.FLOAT32 && Sgemm.vectorized()) {
            Parallel.forRange(g.batch(), 1, (from, to) ->
                    VectorPooling.maxPoolGrad((float[]) x, (float[]) dy, table, p, s, k, c, (float[]) dx, from, to));
            return;
        }
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            int[] best = new int[c];
            double[] bestValue = new double[c];
            for (int b = from; b < to; b++) {
                for (int o = 0; o < p; o++) {
                    Arrays.fill(best, -1);
                    for (int w = 0; w < k; w++) {
                        int cell = table[o * k + w];
                        if (cell < 0) continue;
                        int src = (b * s + cell) * c;
                        if (dt == DType.FLOAT32) {
                            float[] xs = (float[]) x;
                            for (int j = 0; j < c; j++) {
                                if (best[j] < 0 || xs[src + j] > bestValue[j]) {
                                    best[j] = src + j;
                                    bestValue[j] = xs[src + j];
                                }
                            }
                        } else {
                            double[] xs = (double[]) x;
                            for (int j = 0; j < c; j++) {
                                if (best[j] < 0 || xs[src + j] > bestValue[j]) {
                                    best[j] = src + j;
                                    bestValue[j] = xs[src + j];
                                }
                            }
                        }
                    }
                    int at = (b * p + o) * c;
                    for (int j = 0; j < c; j++) {
                        if (best[j] < 0) continue;
                        if (dt == DType.FLOAT32) ((float[]) dx)[best[j]] += ((float[]) dy)[at + j];
                        else ((double[]) dx)[best[j]] += ((double[]) dy)[at + j];
                    }
                }
            }
        });
    }

    static void avgPool(DType dt, Object x, ConvGeometry g, Object out) {
        int[] table = Windows.table(g);
        int p = Windows.product(g.outSpatial()), s = Windows.product(g.inSpatial()), k = Windows.product(g.kernel()), c = g.inChannels();
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int o = 0; o < p; o++) {
                    int dst = (b * p + o) * c, count = 0;
                    if (dt == DType.FLOAT32) {
                        float[] xs = (float[]) x, ys = (float[]) out;
                        Arrays.fill(ys, dst, dst + c, 0f);
                        for (int w = 0; w < k; w++) {
                            int cell = table[o * k + w];
                            if (cell < 0) continue;
                            count++;
                            int src = (b * s + cell) * c;
                            for (int j = 0; j < c; j++) ys[dst + j] += xs[src + j];
                        }
                        float inv = 1f / Math.max(count, 1);
                        for (int j = 0; j < c; j++) ys[dst + j] *= inv;
                    } else {
                        double[] xs = asDoubles(dt, x), ys = (double[]) out;
                        Arrays.fill(ys, dst, dst + c, 0d);
                        for (int w = 0; w < k; w++) {
                            int cell = table[o * k + w];
                            if (cell < 0) continue;
                            count++;
                            int src = (b * s + cell) * c;
                            for (int j = 0; j < c; j++) ys[dst + j] += xs[src + j];
                        }
                        for (int j = 0; j < c; j++) ys[dst + j] /= Math.max(count, 1);
                    }
                }
            }
        });
    }

    static void avgPoolGrad(DType dt, Object dy, ConvGeometry g, Object dx) {
        int[] table = Windows.table(g);
        int p = Windows.product(g.outSpatial()), s = Windows.product(g.inSpatial()), k = Windows.product(g.kernel()), c = g.inChannels();
        Layout.fillZero(dx, g.batch() * s * c);
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int o = 0; o < p; o++) {
                    int count = 0;
                    for (int w = 0; w < k; w++) if (table[o * k + w] >= 0) count++;
                    if (count == 0) continue;
                    int src = (b * p + o) * c;
                    for (int w = 0; w < k; w++) {
                        int cell = table[o * k + w];
                        if (cell < 0) continue;
                        int dst = (b * s + cell) * c;
                        if (dt == DType.FLOAT32) {
                            float[] d = (float[]) dx, gy = (float[]) dy;
                            float inv = 1f / count;
                            for (int j = 0; j < c; j++) d[dst + j] += gy[src + j] * inv;
                        } else {
                            double[] d = (double[]) dx, gy = (double[]) dy;
                            for (int j = 0; j < c; j++) d[dst + j] += gy[src + j] / count;
                        }
                    }
                }
            }
        });
    }

    private static double[] asDoubles(DType dt, Object x) {
        if (dt != DType.FLOAT64) throw new UnsupportedOperationException("pooling is not supported for dtype " + dt + "; cast to float32 first");
        return (double[]) x;
    }
}
