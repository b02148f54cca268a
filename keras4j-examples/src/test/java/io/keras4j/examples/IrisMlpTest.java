package io.keras4j.examples;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IrisMlpTest {

    @Test
    void reachesNinetyFivePercentOnTheHeldOutFlowers() {
        IrisMlp.Result r = IrisMlp.run(0);
        assertTrue(r.testAccuracy() >= 0.95, "test accuracy " + r.testAccuracy());
        List<Double> loss = r.history().get("loss");
        assertEquals(IrisMlp.EPOCHS, loss.size());
        // Cross-entropy of a 3-class guess is ln 3 = 1.0986; training must have gone far below it.
        assertTrue(loss.get(0) > loss.get(loss.size() - 1) && loss.get(loss.size() - 1) < 0.2, "loss " + loss);
    }

    @Test
    void standardizerCentresAndScalesWithTheFittedStatistics() {
        Tensor x = Tensor.of(new double[][] {{1, 10}, {3, 10}, {5, 40}});
        IrisMlp.Standardizer s = IrisMlp.Standardizer.fit(x);
        // Column 0: mean 3, population std sqrt(8/3); column 1: mean 20, std sqrt(200).
        double[] out = s.apply(x).toDoubleArray();
        double s0 = Math.sqrt(8.0 / 3), s1 = Math.sqrt(200);
        double[] expected = {-2 / s0, -10 / s1, 0, -10 / s1, 2 / s0, 20 / s1};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], out[i], 1e-12, "element " + i);
        // Other data is scaled with the fitted statistics, not its own.
        assertEquals((7 - 3) / s0, s.apply(Tensor.of(new double[][] {{7, 20}})).toDoubleArray()[0], 1e-12);
    }
}
