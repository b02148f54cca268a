package io.keras4j.regularizers;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class OrthogonalRegularizerTest {
    // Rows (1,0), (0,1), (1,1): row cosines 0, 1/sqrt2, 1/sqrt2; columns (1,0,1), (0,1,1): cosine 1/2.
    private static final Tensor W = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});

    @Test void rowsModeIsFactorTimesMeanAbsoluteCosineOfDistinctRows() {
        // factor * 0.5 * sum over ordered pairs (2 * (0 + 2 / sqrt2)) / 3 pairs
        double expected = 0.2 * 0.5 * (2 * 2 / Math.sqrt(2)) / 3;
        assertEquals(expected, new OrthogonalRegularizer(0.2, "rows").call(W).item(), 1e-12);
    }

    @Test void columnsModeUsesColumns() {
        assertEquals(0.2 * 0.5 * (2 * 0.5) / 1, new OrthogonalRegularizer(0.2, "columns").call(W).item(), 1e-12);
    }

    @Test void orthogonalRowsCostNothing() {
        Tensor eye = Tensor.of(new double[][] {{3, 0, 0}, {0, -2, 0}, {0, 0, 5}});
        assertEquals(0.0, new OrthogonalRegularizer().call(eye).item(), 1e-15);
    }

    @Test void matchesAPlainLoopOnRandomWeights() {
        Tensor w = GradCheck.uniform(9, -1, 1, 4, 3);
        double factor = 0.05;
        for (String mode : new String[] {"rows", "columns"}) {
            boolean rows = mode.equals("rows");
            int n = rows ? 4 : 3, len = rows ? 3 : 4;
            double sum = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b) continue;
                    double dot = 0, na = 0, nb = 0;
                    for (int k = 0; k < len; k++) {
                        double x = rows ? w.getDouble(a * 3 + k) : w.getDouble(k * 3 + a);
                        double y = rows ? w.getDouble(b * 3 + k) : w.getDouble(k * 3 + b);
                        dot += x * y;
                        na += x * x;
                        nb += y * y;
                    }
                    sum += Math.abs(dot / Math.sqrt(na * nb));
                }
            }
            double expected = factor * 0.5 * sum / (n * (n - 1) / 2.0);
            assertEquals(expected, new OrthogonalRegularizer(factor, mode).call(w).item(), 1e-12, mode);
        }
    }

    @Test void defaultsConfigAndErrorsAreKeras() {
        OrthogonalRegularizer r = new OrthogonalRegularizer();
        assertEquals(0.01, r.factor());
        assertEquals("rows", r.mode());
        assertEquals(Map.of("factor", 0.01, "mode", "rows"), r.getConfig());
        var bad = assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(0.01, "diagonal"));
        assertEquals("Invalid value for argument `mode`. Expected one of {\"rows\", \"columns\"}. Received: mode=diagonal", bad.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> r.call(GradCheck.uniform(1, 0, 1, 2, 2, 2)));
        assertEquals("Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=(2, 2, 2)", rank.getMessage());
    }

    @Test void gradientMatchesFiniteDifferences() {
        // Kept away from zero cosines, where |.| has a kink.
        Tensor w = Tensor.of(new double[][] {{1.0, 0.4, 0.3}, {0.2, 1.1, 0.5}, {0.6, 0.3, 0.9}});
        GradCheck.check(in -> new OrthogonalRegularizer(0.3, "rows").call(in.get(0)), w);
        GradCheck.check(in -> new OrthogonalRegularizer(0.3, "columns").call(in.get(0)), w);
    }
}
