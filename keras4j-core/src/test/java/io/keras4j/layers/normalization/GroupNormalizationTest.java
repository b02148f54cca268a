package io.keras4j.layers.normalization;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GroupNormalizationTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    /** Plain loops: channels-last x (batch, positions, channels), stats per sample and group. */
    private static float[] reference(float[] x, int batch, int positions, int channels, int groups, float[] gamma, float[] beta, double eps) {
        float[] y = new float[x.length];
        int per = channels / groups;
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < groups; g++) {
                double m = 0, v = 0;
                int n = positions * per;
                for (int p = 0; p < positions; p++) for (int c = g * per; c < (g + 1) * per; c++) m += x[(b * positions + p) * channels + c] / (double) n;
                for (int p = 0; p < positions; p++) for (int c = g * per; c < (g + 1) * per; c++) v += Math.pow(x[(b * positions + p) * channels + c] - m, 2) / n;
                for (int p = 0; p < positions; p++) {
                    for (int c = g * per; c < (g + 1) * per; c++) {
                        int i = (b * positions + p) * channels + c;
                        y[i] = (float) ((x[i] - m) / Math.sqrt(v + eps) * gamma[c] + beta[c]);
                    }
                }
            }
        }
        return y;
    }

    @Test void defaultsAndConfig() {
        GroupNormalization gn = new GroupNormalization();
        Map<String, Object> c = gn.getConfig();
        assertEquals(32, c.get("groups"));
        assertEquals(-1, c.get("axis"));
        assertEquals(1e-3, c.get("epsilon"));
        assertEquals(true, c.get("center"));
        assertEquals(true, c.get("scale"));
        gn.ensureBuilt(Shape.of(-1, 64));
        assertEquals(List.of("group_normalization/gamma", "group_normalization/beta"), gn.weights().stream().map(v -> v.name()).toList());
        assertEquals(Shape.of(64), gn.gamma().shape());
        assertEquals(c, Layers.fromConfig("GroupNormalization", c).getConfig());
    }

    @Test void normalisesEachGroupAgainstAPlainLoop() {
        float[] x = new float[2 * 3 * 4];
        for (int i = 0; i < x.length; i++) x[i] = (float) (Math.cos(i * 0.7) * 2 + i * 0.05);
        float[] gamma = {1, 2, -1, 0.5f}, beta = {0, 1, -1, 2};
        GroupNormalization gn = new GroupNormalization(2).epsilon(0.01);
        gn.ensureBuilt(Shape.of(-1, 3, 4));
        gn.setWeights(List.of(Tensor.of(gamma, 4), Tensor.of(beta, 4)));
        assertArrayEquals(reference(x, 2, 3, 4, 2, gamma, beta, 0.01), gn.apply(Tensor.of(x, 2, 3, 4)).toFloatArray(), 1e-5f);
    }

    @Test void handWorkedTwoGroups() {
        // One sample, channels [0, 2 | 1, 1]: group 1 mean 1, variance 1; group 2 variance 0.
        // epsilon 3: group 1 → (x - 1) / 2 = [-0.5, 0.5]; group 2 → [0, 0].
        GroupNormalization gn = new GroupNormalization(2).epsilon(3);
        assertArrayEquals(new float[] {-0.5f, 0.5f, 0, 0}, gn.apply(Tensor.of(new float[] {0, 2, 1, 1}, 1, 4)).toFloatArray(), 1e-6f);
    }

    @Test void minusOneIsInstanceNormalisationAndChannelsFirstWorks() {
        float[] x = new float[2 * 3 * 2];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i + 0.3) * 4;
        float[] ones = {1, 1, 1}, zeros = {0, 0, 0};
        GroupNormalization inst = new GroupNormalization(-1);
        Tensor y = inst.apply(Tensor.of(x, 2, 2, 3));
        assertEquals(3, inst.groups(), "-1 becomes the number of channels at build, as in Keras");
        assertArrayEquals(reference(x, 2, 2, 3, 3, ones, zeros, 1e-3), y.toFloatArray(), 1e-5f);

        // Channels on axis 1: the same as channels-last after a transpose.
        GroupNormalization cf = new GroupNormalization(3).axis(1);
        float[] xt = new float[x.length];
        for (int b = 0; b < 2; b++) for (int p = 0; p < 2; p++) for (int c = 0; c < 3; c++) xt[b * 6 + c * 2 + p] = x[b * 6 + p * 3 + c];
        float[] yt = cf.apply(Tensor.of(xt, 2, 3, 2)).toFloatArray();
        float[] want = reference(x, 2, 2, 3, 3, ones, zeros, 1e-3);
        for (int b = 0; b < 2; b++) for (int p = 0; p < 2; p++) for (int c = 0; c < 3; c++) assertEquals(want[b * 6 + p * 3 + c], yt[b * 6 + c * 2 + p], 1e-5f);
    }

    @Test void gradientsMatchFiniteDifferences() {
        GroupNormalization gn = new GroupNormalization(2).dtype(DType.FLOAT64);
        gn.ensureBuilt(Shape.of(-1, 3, 4));
        gn.setWeights(List.of(GradCheck.uniform(1, 0.5, 2, 4), GradCheck.uniform(2, -1, 1, 4)));
        GradCheck.check(in -> gn.apply(in.get(0)), GradCheck.uniform(3, -2, 2, 2, 3, 4));
    }

    @Test void errorsInKerasWords() {
        var bad = assertThrows(IllegalArgumentException.class, () -> new GroupNormalization(0));
        assertEquals("Received an invalid value for argument `groups`, expected a positive integer (or `-1` for instance normalization). Received: groups=0", bad.getMessage());
        var more = assertThrows(IllegalArgumentException.class, () -> new GroupNormalization(8).ensureBuilt(Shape.of(-1, 4)));
        assertEquals("Number of groups (8) cannot be more than the number of channels (4).", more.getMessage());
        var uneven = assertThrows(IllegalArgumentException.class, () -> new GroupNormalization(3).ensureBuilt(Shape.of(-1, 4)));
        assertEquals("Number of groups (3) must be a multiple of the number of channels (4).", uneven.getMessage());
    }
}
