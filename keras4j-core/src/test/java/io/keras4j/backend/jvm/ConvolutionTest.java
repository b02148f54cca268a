package io.keras4j.backend.jvm;

import io.keras4j.backend.Backend.ConvGeometry;
import io.keras4j.tensor.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The convolution kernels against loops written here from the definition (1-D, strided, padded,
 * grouped), on one thread and on several: the batch split and the summing of per-thread kernel
 * gradients must not change the result.
 */
class ConvolutionTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach void restore() { Parallel.setThreads(savedThreads); }

    // batch 5, length 9, 4 input channels, kernel 3, 6 filters, groups 2, stride 2, dilation 1, pad 1 before.
    private static final ConvGeometry G = new ConvGeometry(5, new int[] {9}, 4, new int[] {3}, 6, 2,
            new int[] {2}, new int[] {1}, new int[] {1}, new int[] {5});

    private static double[] randoms(long seed, int n) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = r.nextDouble() * 2 - 1;
        return d;
    }

    /** Input position read by output o at tap k, or -1 in the padding. */
    private static int at(int o, int k) {
        int i = o * 2 - 1 + k;
        return i < 0 || i >= 9 ? -1 : i;
    }

    @Test void kernelGradientSumsOverTheBatchOnAnyNumberOfThreads() {
        double[] x = randoms(1, 5 * 9 * 4), dy = randoms(2, 5 * 5 * 6);
        double[] expected = new double[3 * 2 * 6];
        for (int b = 0; b < 5; b++) for (int o = 0; o < 5; o++) for (int k = 0; k < 3; k++) {
            int i = at(o, k);
            if (i < 0) continue;
            for (int f = 0; f < 6; f++) {
                int g = f / 3;
                for (int c = 0; c < 2; c++) expected[(k * 2 + c) * 6 + f] += x[(b * 9 + i) * 4 + g * 2 + c] * dy[(b * 5 + o) * 6 + f];
            }
        }
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            double[] dw = new double[expected.length];
            Convolution.backpropFilter(DType.FLOAT64, x, dy, G, dw);
            assertArrayEquals(expected, dw, 1e-12, "threads=" + threads);
        }
    }

    @Test void inputGradientScattersBackOnAnyNumberOfThreads() {
        double[] w = randoms(3, 3 * 2 * 6), dy = randoms(4, 5 * 5 * 6);
        double[] expected = new double[5 * 9 * 4];
        for (int b = 0; b < 5; b++) for (int o = 0; o < 5; o++) for (int k = 0; k < 3; k++) {
            int i = at(o, k);
            if (i < 0) continue;
            for (int f = 0; f < 6; f++) {
                int g = f / 3;
                for (int c = 0; c < 2; c++) expected[(b * 9 + i) * 4 + g * 2 + c] += w[(k * 2 + c) * 6 + f] * dy[(b * 5 + o) * 6 + f];
            }
        }
        for (int threads : new int[] {1, 3}) {
            Parallel.setThreads(threads);
            double[] dx = new double[expected.length];
            Convolution.backpropInput(DType.FLOAT64, dy, w, G, dx);
            assertArrayEquals(expected, dx, 1e-12, "threads=" + threads);
        }
    }

    @Test void singlePrecisionAgreesWithDouble() {
        double[] x = randoms(5, 5 * 9 * 4), w = randoms(6, 3 * 2 * 6);
        float[] xf = new float[x.length], wf = new float[w.length];
        for (int i = 0; i < x.length; i++) xf[i] = (float) x[i];
        for (int i = 0; i < w.length; i++) wf[i] = (float) w[i];
        double[] yd = new double[5 * 5 * 6];
        float[] yf = new float[yd.length];
        for (int i = 0; i < x.length; i++) x[i] = xf[i];
        for (int i = 0; i < w.length; i++) w[i] = wf[i];
        Convolution.forward(DType.FLOAT64, x, w, G, yd);
        Convolution.forward(DType.FLOAT32, xf, wf, G, yf);
        double[] yfd = new double[yf.length];
        for (int i = 0; i < yf.length; i++) yfd[i] = yf[i];
        assertArrayEquals(yd, yfd, 1e-5);
    }

    /**
     * 2-D, float32, in the shapes where several samples share one GEMM and a single input channel
     * takes im2col's one-channel path: forward and both gradients against coordinate loops, with
     * strides, dilation and asymmetric padding, on one thread and on two.
     */
    @Test void twoDimensionalSingleAndMultiChannelFloat32MatchTheDefinition() {
        int[][] cases = { // {batch, h, w, cin, kh, kw, filters, sh, sw, dh, dw, padTop, padLeft, padBottom, padRight}
                {7, 9, 8, 1, 3, 3, 5, 1, 1, 1, 1, 0, 0, 0, 0},
                {6, 10, 7, 1, 3, 2, 4, 2, 1, 1, 2, 1, 0, 2, 1},
                {5, 8, 8, 3, 2, 3, 6, 1, 2, 2, 1, 1, 1, 0, 1},
        };
        for (int[] cs : cases) {
            int batch = cs[0], h = cs[1], w = cs[2], cin = cs[3], kh = cs[4], kw = cs[5], f = cs[6];
            int sh = cs[7], sw = cs[8], dh = cs[9], dw = cs[10], pt = cs[11], pl = cs[12];
            int oh = (h + pt + cs[13] - ((kh - 1) * dh + 1)) / sh + 1, ow = (w + pl + cs[14] - ((kw - 1) * dw + 1)) / sw + 1;
            ConvGeometry g = new ConvGeometry(batch, new int[] {h, w}, cin, new int[] {kh, kw}, f, 1,
                    new int[] {sh, sw}, new int[] {dh, dw}, new int[] {pt, pl}, new int[] {oh, ow});
            float[] x = floats(randoms(11, batch * h * w * cin)), k = floats(randoms(12, kh * kw * cin * f));
            float[] dy = floats(randoms(13, batch * oh * ow * f));
            double[] y = new double[dy.length], dx = new double[x.length], dk = new double[k.length];
            for (int b = 0; b < batch; b++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++)
                for (int u = 0; u < kh; u++) for (int v = 0; v < kw; v++) {
                    int row = i * sh - pt + u * dh, col = j * sw - pl + v * dw;
                    if (row < 0 || row >= h || col < 0 || col >= w) continue;
                    for (int c = 0; c < cin; c++) for (int o = 0; o < f; o++) {
                        int xi = ((b * h + row) * w + col) * cin + c, ki = ((u * kw + v) * cin + c) * f + o, yi = ((b * oh + i) * ow + j) * f + o;
                        y[yi] += x[xi] * k[ki];
                        dx[xi] += k[ki] * dy[yi];
                        dk[ki] += x[xi] * dy[yi];
                    }
                }
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                float[] yf = new float[y.length], dxf = new float[dx.length], dkf = new float[dk.length];
                Convolution.forward(DType.FLOAT32, x, k, g, yf);
                Convolution.backpropInput(DType.FLOAT32, dy, k, g, dxf);
                Convolution.backpropFilter(DType.FLOAT32, x, dy, g, dkf);
                String name = java.util.Arrays.toString(cs) + " threads=" + threads;
                assertArrayEquals(y, doubles(yf), 1e-4, name);
                assertArrayEquals(dx, doubles(dxf), 1e-4, name);
                assertArrayEquals(dk, doubles(dkf), 1e-3, name);
            }
        }
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
