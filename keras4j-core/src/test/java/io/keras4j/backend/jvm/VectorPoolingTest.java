package io.keras4j.backend.jvm;

import io.keras4j.backend.Backend.ConvGeometry;
import io.keras4j.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The float32 max-pooling kernels (vectorised when the incubator module is present) against the
 * definition written out with coordinates: max over the window cells inside the input, and the
 * gradient routed to the first (row-major) cell holding that max.
 */
class VectorPoolingTest {

    /** 2-D cases: {h, w, c, ph, pw, sh, sw, padTop, padLeft, padBottom, padRight}. */
    private static final int[][] CASES = {
            {6, 6, 32, 2, 2, 2, 2, 0, 0, 0, 0},   // the CNN's pooling: channels a multiple of the vector length
            {7, 5, 19, 3, 2, 2, 1, 1, 0, 1, 1},   // a channel tail, overlapping windows, padding
            {5, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1},    // fewer channels than one vector
            {4, 9, 40, 2, 3, 1, 3, 0, 1, 1, 1},
    };

    @Test
    void maxPoolAndGradientMatchTheDefinition() {
        Random r = new Random(7);
        for (int[] cs : CASES) {
            int batch = 3, h = cs[0], w = cs[1], c = cs[2], ph = cs[3], pw = cs[4], sh = cs[5], sw = cs[6];
            int pt = cs[7], pl = cs[8], oh = (h + pt + cs[9] - ph) / sh + 1, ow = (w + pl + cs[10] - pw) / sw + 1;
            float[] x = new float[batch * h * w * c];
            // Few distinct values, so that windows hold ties: the first maximum must win.
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(5) - 2;
            float[] dy = new float[batch * oh * ow * c];
            for (int i = 0; i < dy.length; i++) dy[i] = (float) r.nextGaussian();
            ConvGeometry g = new ConvGeometry(batch, new int[] {h, w}, c, new int[] {ph, pw}, c, 1,
                    new int[] {sh, sw}, new int[] {1, 1}, new int[] {pt, pl}, new int[] {oh, ow});

            float[] y = new float[dy.length], dx = new float[x.length];
            Pooling.maxPool(DType.FLOAT32, x, g, y);
            Pooling.maxPoolGrad(DType.FLOAT32, x, dy, g, dx);

            float[] yRef = new float[y.length], dxRef = new float[x.length];
            for (int b = 0; b < batch; b++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) for (int ch = 0; ch < c; ch++) {
                float best = Float.NEGATIVE_INFINITY;
                int bestAt = -1;
                for (int u = 0; u < ph; u++) for (int v = 0; v < pw; v++) {
                    int row = i * sh - pt + u, col = j * sw - pl + v;
                    if (row < 0 || row >= h || col < 0 || col >= w) continue;
                    int at = ((b * h + row) * w + col) * c + ch;
                    if (bestAt < 0 || x[at] > best) {
                        best = x[at];
                        bestAt = at;
                    }
                }
                int o = ((b * oh + i) * ow + j) * c + ch;
                yRef[o] = best;
                if (bestAt >= 0) dxRef[bestAt] += dy[o];
            }
            String name = java.util.Arrays.toString(cs);
            assertArrayEquals(yRef, y, name);
            assertArrayEquals(dxRef, dx, 1e-6f, name);
        }
    }

    @Test
    void nanInAWindowFollowsMathMax() {
        // Math.max semantics (Keras/TF propagate NaN through max pooling): a NaN cell makes the max NaN.
        float[] x = {1f, Float.NaN, 3f, 2f};
        ConvGeometry g = new ConvGeometry(1, new int[] {2, 2}, 1, new int[] {2, 2}, 1, 1,
                new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
        float[] y = new float[1];
        Pooling.maxPool(DType.FLOAT32, x, g, y);
        assertEquals(Float.NaN, y[0]);
    }
}
