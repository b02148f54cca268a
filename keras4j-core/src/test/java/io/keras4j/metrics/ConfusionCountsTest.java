package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfusionCountsTest {
    @Test void bucketPathAgreesWithComparingEveryThreshold() {
        Random random = new Random(7);
        int n = 500;
        float[] labels = new float[n], scores = new float[n], weights = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            scores[i] = random.nextFloat();
            weights[i] = random.nextFloat();
        }
        for (double[] thresholds : new double[][] {new AUC().numThresholds(50).thresholds(), {0, 0.25, 0.5, 0.75, 1}}) {
            ConfusionCounts buckets = new ConfusionCounts(thresholds, true, 1);
            ConfusionCounts direct = new ConfusionCounts(thresholds, false, 1);
            for (ConfusionCounts c : new ConfusionCounts[] {buckets, direct}) {
                c.update(Tensor.of(labels, n), Tensor.of(scores, n), Tensor.of(weights, n), null, null, false, null);
            }
            assertArrayEquals(direct.tp, buckets.tp, 1e-9);
            assertArrayEquals(direct.fp, buckets.fp, 1e-9);
            assertArrayEquals(direct.tn, buckets.tn, 1e-9);
            assertArrayEquals(direct.fn, buckets.fn, 1e-9);
        }
    }

    @Test void evenSpacingAsKerasChecksIt() {
        assertTrue(ConfusionCounts.evenlySpaced(new double[] {0, 0.5, 1}));
        assertTrue(ConfusionCounts.evenlySpaced(new double[] {0, 1 / 3.0, 2 / 3.0, 1}));
        assertFalse(ConfusionCounts.evenlySpaced(new double[] {0, 1}));      // fewer than 3
        assertFalse(ConfusionCounts.evenlySpaced(new double[] {0.5}));
        assertFalse(ConfusionCounts.evenlySpaced(new double[] {0, 0.2, 0.7, 1}));
    }

    @Test void topKKeepsTheLargestAndTheEarlierOfTies() {
        Values x = new Values(new double[] {3, 1, 3, 2, 0, 5, 5, 5}, new int[] {2, 4});
        assertArrayEquals(new double[] {3, -1e10, 3, -1e10, -1e10, 5, 5, -1e10}, ConfusionCounts.filterTopK(x, 2).data(), 0);
    }
}
