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
}
