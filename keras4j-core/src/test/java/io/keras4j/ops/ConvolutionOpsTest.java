package io.keras4j.ops;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.autodiff.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * keras.ops conv / conv_transpose / depthwise_conv / max_pool / average_pool against hand-worked
 * values, a plain-loop reference written here from the definition, and float64 finite differences.
 */
class ConvolutionOpsTest {

    // ------------------------------------------------------------------ reference

    /**
     * Direct N-D convolution from the definition: out[b, o..., f] = Σ x[b, o*s - pad + k*d, c] ·
     * w[k..., c - g*cg, f] over the window and the group's channels.
     */
    static double[] reference(double[] x, int[] xShape, double[] w, int[] wShape, int[] strides, int[] dilation, int[] padBefore,
                              int[] outSpatial, int groups) {
        int rank = xShape.length - 2, n = xShape[0], cin = xShape[rank + 1], f = wShape[rank + 1], cg = cin / groups, fg = f / groups;
        int outCells = 1, windowCells = 1, inCells = 1;
        for (int d = 0; d < rank; d++) {
            outCells *= outSpatial[d];
            windowCells *= wShape[d];
            inCells *= xShape[d + 1];
        }
        double[] out = new double[n * outCells * f];
        int[] oc = new int[rank], kc = new int[rank];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < outCells; o++) {
                coords(o, outSpatial, oc);
                for (int fo = 0; fo < f; fo++) {
                    int g = fo / fg;
                    double acc = 0;
                    for (int k = 0; k < windowCells; k++) {
                        coords(k, wShape, kc);
                        int cell = 0;
                        boolean inside = true;
                        for (int d = 0; d < rank; d++) {
                            int c = oc[d] * strides[d] - padBefore[d] + kc[d] * dilation[d];
                            inside &= c >= 0 && c < xShape[d + 1];
                            cell = cell * xShape[d + 1] + c;
                        }
                        if (!inside) continue;
                        for (int c = 0; c < cg; c++) {
                            acc += x[(b * inCells + cell) * cin + g * cg + c] * w[(k * cg + c) * f + fo];
                        }
                    }
                    out[(b * outCells + o) * f + fo] = acc;
                }
            }
        }
        return out;
    }

    private static void coords(int i, int[] dims, int[] out) {
        for (int d = out.length - 1; d >= 0; d--) {
            out[d] = i % dims[d];
            i /= dims[d];
        }
    }

    /** TensorFlow's "same": out = ceil(n / s), total padding max((out - 1) s + span - n, 0), the odd cell after. */
    static int samePadBefore(int n, int k, int s, int d) {
        int out = (n + s - 1) / s, span = (k - 1) * d + 1;
        return Math.max((out - 1) * s + span - n, 0) / 2;
    }

    private static void checkAgainstReference(int[] xShape, int[] kernel, int filters, int[] strides, int[] dilation, String padding, int groups, long seed) {
        int rank = kernel.length;
        int[] wShape = new int[rank + 2];
        System.arraycopy(kernel, 0, wShape, 0, rank);
        wShape[rank] = xShape[rank + 1] / groups;
        wShape[rank + 1] = filters;
        Tensor x = uniform(seed, -1, 1, xShape), w = uniform(seed + 1, -1, 1, wShape);
        Tensor y = Ops.conv(x, w, strides, padding, "channels_last", dilation);
        int[] out = new int[rank], pad = new int[rank];
        for (int d = 0; d < rank; d++) {
            int n = xShape[d + 1], span = (kernel[d] - 1) * dilation[d] + 1;
            if (padding.equals("same")) {
                out[d] = (n + strides[d] - 1) / strides[d];
                pad[d] = samePadBefore(n, kernel[d], strides[d], dilation[d]);
            } else {
                out[d] = (n - span) / strides[d] + 1;
            }
        }
        int[] expectedShape = new int[rank + 2];
        expectedShape[0] = xShape[0];
        System.arraycopy(out, 0, expectedShape, 1, rank);
        expectedShape[rank + 1] = filters;
        assertEquals(Shape.of(expectedShape), y.shape());
        double[] ref = reference(x.toDoubleArray(), xShape, w.toDoubleArray(), wShape, strides, dilation, pad, out, groups);
        assertArrayEquals(ref, y.toDoubleArray(), 1e-12);
    }

    // ------------------------------------------------------------------ conv

    @Test void sameConvolutionPutsTheOddPaddingCellAtTheEnd() {
        // x = 1..6, kernel [1, 1, 1], stride 2, "same": out = ceil(6/2) = 3, total padding
        // (3-1)*2 + 3 - 6 = 1, all of it after: windows [1,2,3], [3,4,5], [5,6,0].
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 6, 1);
        Tensor w = Tensor.of(new float[] {1, 1, 1}, 3, 1, 1);
        Tensor y = Ops.conv(x, w, new int[] {2}, "same", "channels_last", new int[] {1});
        assertEquals(Shape.of(1, 3, 1), y.shape());
        assertArrayEquals(new float[] {6, 12, 11}, y.toFloatArray());
    }

    @Test void validConvolutionIsCrossCorrelation() {
        // [1, 2, 3, 4] with [1, 0, -1]: x[i] - x[i+2] (no kernel flip, as keras.ops.conv).
        Tensor y = Ops.conv(Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1), Tensor.of(new float[] {1, 0, -1}, 3, 1, 1), 1, "valid");
        assertArrayEquals(new float[] {-2, -2}, y.toFloatArray());
    }

    @Test void matchesTheDefinitionAcrossRanksStridesDilationsPaddingsAndGroups() {
        checkAgainstReference(new int[] {2, 9, 3}, new int[] {3}, 4, new int[] {2}, new int[] {1}, "same", 1, 10);
        checkAgainstReference(new int[] {2, 10, 2}, new int[] {3}, 2, new int[] {1}, new int[] {3}, "valid", 1, 20);
        checkAgainstReference(new int[] {3, 7, 6, 4}, new int[] {3, 2}, 6, new int[] {2, 3}, new int[] {1, 1}, "same", 2, 30);
        checkAgainstReference(new int[] {1, 8, 8, 3}, new int[] {3, 3}, 5, new int[] {1, 1}, new int[] {2, 2}, "same", 1, 40);
        checkAgainstReference(new int[] {2, 6, 5, 4}, new int[] {2, 2}, 4, new int[] {1, 1}, new int[] {1, 1}, "valid", 4, 50);
        checkAgainstReference(new int[] {2, 5, 4, 6, 2}, new int[] {3, 2, 3}, 3, new int[] {2, 1, 2}, new int[] {1, 1, 1}, "same", 1, 60);
    }

    @Test void channelsFirstIsChannelsLastTransposed() {
        Tensor x = uniform(1, -1, 1, 2, 3, 5, 4), w = uniform(2, -1, 1, 3, 3, 3, 2);
        Tensor first = Ops.conv(x, w, new int[] {1}, "same", "channels_first", new int[] {1});
        Tensor last = Ops.conv(Ops.transpose(x, 0, 2, 3, 1), w, new int[] {1}, "same", "channels_last", new int[] {1});
        assertArrayEquals(Ops.transpose(last, 0, 3, 1, 2).toDoubleArray(), first.toDoubleArray(), 1e-12);
    }

    @Test void refusesMismatchedChannelsAndBadPadding() {
        Tensor x = uniform(1, -1, 1, 1, 5, 3);
        assertThrows(IllegalArgumentException.class, () -> Ops.conv(x, uniform(2, -1, 1, 3, 2, 4), 1, "valid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ops.conv(x, uniform(2, -1, 1, 3, 3, 4), 1, "full"));
        assertEquals("The `padding` argument must be one of \"valid\", \"same\". Received: padding=full", e.getMessage());
    }

    @Test void convGradientsMatchFiniteDifferences() {
        record Case(int[] x, int[] w, int[] s, int[] d, String p) {}
        for (Case c : List.of(
                new Case(new int[] {2, 7, 3}, new int[] {3, 3, 2}, new int[] {2}, new int[] {1}, "same"),
                new Case(new int[] {1, 9, 2}, new int[] {2, 2, 3}, new int[] {1}, new int[] {3}, "valid"),
                new Case(new int[] {2, 5, 6, 4}, new int[] {3, 2, 2, 4}, new int[] {2, 3}, new int[] {1, 1}, "same"), // groups = 2
                new Case(new int[] {1, 6, 6, 2}, new int[] {2, 2, 2, 3}, new int[] {1, 1}, new int[] {2, 2}, "same"),
                new Case(new int[] {1, 4, 3, 4, 2}, new int[] {2, 2, 2, 1, 2}, new int[] {1, 2, 1}, new int[] {1, 1, 1}, "valid"))) { // groups = 2
            GradCheck.check(in -> Ops.conv(in.get(0), in.get(1), c.s(), c.p(), "channels_last", c.d()),
                    uniform(3, -1, 1, c.x()), uniform(4, -1, 1, c.w()));
        }
    }

    // ------------------------------------------------------------------ conv_transpose

    @Test void convTransposeScattersEachInputOverItsWindow() {
        // y = [1, 2], kernel [1, 1, 1], stride 2, "valid": length (2-1)*2 + 3 = 5;
        // 1 lands on cells 0..2, 2 on cells 2..4: [1, 1, 3, 2, 2].
        Tensor y = Ops.convTranspose(Tensor.of(new float[] {1, 2}, 1, 2, 1), Tensor.of(new float[] {1, 1, 1}, 3, 1, 1),
                new int[] {2}, "valid", null, "channels_last", new int[] {1});
        assertEquals(Shape.of(1, 5, 1), y.shape());
        assertArrayEquals(new float[] {1, 1, 3, 2, 2}, y.toFloatArray());
    }

    @Test void convTransposeHasKerasOutputLengths() {
        Tensor k = uniform(1, -1, 1, 3, 2, 4);
        Tensor y = uniform(2, -1, 1, 1, 5, 4);
        // valid: (n-1)*s + k + max(k, s) - k; same: n*s; with output_padding p: (n-1)*s + k%2 + p (same), + k + p (valid).
        assertEquals(Shape.of(1, 7, 2), Ops.convTranspose(y, k, new int[] {1}, "valid", null, "channels_last", new int[] {1}).shape());
        assertEquals(Shape.of(1, 20, 2), Ops.convTranspose(y, k, new int[] {4}, "valid", null, "channels_last", new int[] {1}).shape());
        assertEquals(Shape.of(1, 10, 2), Ops.convTranspose(y, k, new int[] {2}, "same", null, "channels_last", new int[] {1}).shape());
        assertEquals(Shape.of(1, 10, 2), Ops.convTranspose(y, k, new int[] {2}, "same", new int[] {1}, "channels_last", new int[] {1}).shape());
        assertEquals(Shape.of(1, 12, 2), Ops.convTranspose(y, k, new int[] {2}, "valid", new int[] {1}, "channels_last", new int[] {1}).shape());
    }

    @Test void convTransposeIsTheAdjointOfConv() {
        // <conv(x, W), y> = <x, conv_transpose(y, W)> for the same strides and padding.
        Tensor x = uniform(1, -1, 1, 2, 8, 7, 3), w = uniform(2, -1, 1, 3, 3, 3, 4);
        Tensor cx = Ops.conv(x, w, new int[] {2}, "same", "channels_last", new int[] {1});
        Tensor y = uniform(3, -1, 1, cx.shape().dims());
        // Lengths 8 and 7 both give 4; output_padding picks them back: (4-1)*2 + 3%2 + p = 7 + p.
        Tensor ty = Ops.convTranspose(y, w, new int[] {2}, "same", new int[] {1, 0}, "channels_last", new int[] {1});
        assertEquals(x.shape(), ty.shape());
        assertEquals(Ops.sum(Ops.multiply(cx, y)).item(), Ops.sum(Ops.multiply(x, ty)).item(), 1e-10);
    }

    @Test void convTransposeGradientsMatchFiniteDifferences() {
        GradCheck.check(in -> Ops.convTranspose(in.get(0), in.get(1), new int[] {2}, "same", null, "channels_last", new int[] {1}),
                uniform(5, -1, 1, 2, 3, 4, 3), uniform(6, -1, 1, 3, 2, 2, 3));
        GradCheck.check(in -> Ops.convTranspose(in.get(0), in.get(1), new int[] {1}, "valid", null, "channels_last", new int[] {2}),
                uniform(7, -1, 1, 1, 4, 2), uniform(8, -1, 1, 2, 3, 2));
    }

    // ------------------------------------------------------------------ depthwise

    @Test void depthwiseOutputChannelIsInputChannelTimesMultiplierPlusM() {
        // One cell with channels (a, b) = (2, 5); kernel (1, 2, 2) = [[1, 2], [3, 4]]: (a, 2a, 3b, 4b).
        Tensor y = Ops.depthwiseConv(Tensor.of(new float[] {2, 5}, 1, 1, 2), Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2),
                new int[] {1}, "valid", "channels_last", new int[] {1});
        assertArrayEquals(new float[] {2, 4, 15, 20}, y.toFloatArray());
    }

    // ------------------------------------------------------------------ pooling

    @Test void poolingMatchesKerasDocstringExample() {
        // keras.layers.MaxPooling2D / AveragePooling2D docs: 3x3 of 1..9, pool 2, strides 1, valid.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        assertArrayEquals(new float[] {5, 6, 8, 9}, Ops.maxPool(x, new int[] {2}, new int[] {1}, "valid", "channels_last").toFloatArray());
        assertArrayEquals(new float[] {3, 4, 6, 7}, Ops.averagePool(x, new int[] {2}, new int[] {1}, "valid", "channels_last").toFloatArray());
    }

    @Test void samePoolingIgnoresPaddingCells() {
        // [1, 2, 3], pool 2, strides default (2), "same": windows [1, 2] and [3, pad]:
        // the average of the second is 3 (not 1.5) and a max over negatives never sees the pad.
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3, 1);
        assertArrayEquals(new float[] {1.5f, 3}, Ops.averagePool(x, new int[] {2}, null, "same", "channels_last").toFloatArray());
        Tensor neg = Tensor.of(new float[] {-1, -2, -3}, 1, 3, 1);
        assertArrayEquals(new float[] {-1, -3}, Ops.maxPool(neg, new int[] {2}, null, "same", "channels_last").toFloatArray());
    }

    @Test void poolingChannelsFirstAndThreeD() {
        Tensor x = uniform(9, -1, 1, 2, 3, 4, 5, 2);
        Tensor last = Ops.maxPool(x, new int[] {2, 2, 3}, new int[] {1, 2, 2}, "same", "channels_last");
        assertEquals(Shape.of(2, 3, 2, 3, 2), last.shape());
        Tensor first = Ops.maxPool(Ops.transpose(x, 0, 4, 1, 2, 3), new int[] {2, 2, 3}, new int[] {1, 2, 2}, "same", "channels_first");
        assertArrayEquals(Ops.transpose(last, 0, 4, 1, 2, 3).toDoubleArray(), first.toDoubleArray(), 0);
        // Spot-check one cell from the definition: out[0, 1, 0, 2, 1] = max of x[0, 1..2, 0..1, 3..4, 1] (pad before 0, 0, 1 on the last axis: (3-1)*2 + 3 - 5 = 2 → 1).
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 1; i <= 2; i++) for (int j = 0; j <= 1; j++) for (int k = 3; k <= 4; k++) m = Math.max(m, x.getDouble((((i) * 4 + j) * 5 + k) * 2 + 1));
        assertEquals(m, last.getDouble(((1 * 2 + 0) * 3 + 2) * 2 + 1));
    }

    @Test void poolingGradientsMatchFiniteDifferences() {
        // Random values have no ties, so max pooling is differentiable at them.
        GradCheck.check(in -> Ops.maxPool(in.get(0), new int[] {2, 3}, new int[] {2, 1}, "same", "channels_last"), uniform(11, -1, 1, 2, 5, 4, 3));
        GradCheck.check(in -> Ops.averagePool(in.get(0), new int[] {2, 3}, new int[] {2, 2}, "same", "channels_last"), uniform(12, -1, 1, 2, 5, 4, 3));
        GradCheck.check(in -> Ops.averagePool(in.get(0), new int[] {3}, new int[] {1}, "valid", "channels_first"), uniform(13, -1, 1, 2, 3, 6));
    }
}
