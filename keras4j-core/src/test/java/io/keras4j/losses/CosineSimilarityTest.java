package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.assertShape;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values from Keras's docstring and from -(t . p) / (|t| |p|). */
class CosineSimilarityTest {
    private static double negCos(double[] t, double[] p) {
        double dot = 0, nt = 0, np = 0;
        for (int i = 0; i < t.length; i++) {
            dot += t[i] * p[i];
            nt += t[i] * t[i];
            np += p[i] * p[i];
        }
        return -dot / Math.sqrt(nt * np);
    }

    @Test void docstringExample() {
        Tensor yTrue = f32(new double[][] {{0, 1}, {1, 1}, {1, 1}});
        Tensor yPred = f32(new double[][] {{1, 0}, {1, 1}, {-1, -1}});
        assertAllClose(new double[] {0, -1, 1}, Losses.cosineSimilarity(yTrue, yPred), 1e-6);
    }

    @Test void perSampleValuesAndMean() {
        double[][] t = {{1, 9, 2}, {-5, -2, 6}};
        double[][] p = {{4, 8, 12}, {8, 1, 3}};
        double[] expected = {negCos(t[0], p[0]), negCos(t[1], p[1])};
        assertAllClose(expected, new CosineSimilarity().reduction("none").apply(f64(t), f64(p)), 1e-12);
        assertClose((expected[0] + expected[1]) / 2, new CosineSimilarity().apply(f64(t), f64(p)), 1e-12);
    }

    @Test void zeroVectorGivesZero() {
        assertAllClose(new double[] {0, 0}, Losses.cosineSimilarity(f64(new double[][] {{0, 0}, {1, 2}}),
                f64(new double[][] {{3, 4}, {0, 0}})), 0);
    }

    @Test void axisZeroComparesColumns() {
        double[][] t = {{1, 9, 2}, {-5, -2, 6}};
        double[][] p = {{4, 8, 12}, {8, 1, 3}};
        Tensor loss = new CosineSimilarity().axis(0).reduction("none").apply(f64(t), f64(p));
        assertShape(loss, 3);
        double[] expected = new double[3];
        for (int j = 0; j < 3; j++) expected[j] = negCos(new double[] {t[0][j], t[1][j]}, new double[] {p[0][j], p[1][j]});
        assertAllClose(expected, loss, 1e-12);
        assertAllClose(expected, Losses.cosineSimilarity(f64(t), f64(p), 0), 1e-12);
    }

    @Test void config() {
        CosineSimilarity loss = new CosineSimilarity().axis(2).reduction("sum").name("cosine_loss");
        assertEquals(Map.of("name", "cosine_loss", "reduction", "sum", "axis", 2), loss.getConfig());
        assertEquals(loss.getConfig(), CosineSimilarity.fromConfig(loss.getConfig()).getConfig());
        assertEquals("cosine_similarity", new CosineSimilarity().name());
    }
}
