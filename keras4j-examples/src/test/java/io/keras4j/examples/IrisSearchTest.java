package io.keras4j.examples;

import io.keras4j.wrappers.SearchResults;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IrisSearchTest {
    @Test
    void searchFindsAGoodSettingAndRepeatsInParallel() {
        IrisSearch.Result serial = IrisSearch.run(15, 1);
        SearchResults r = serial.results();
        assertEquals(8, r.size(), "2 units x 2 optimizers x 2 batch sizes");
        // Standardised Iris is easy: the best setting separates the species in cross-validation and on the test flowers
        // (a 3-class guess scores 1/3).
        assertTrue(r.bestScore() >= 0.85, r.toString());
        assertTrue(serial.testAccuracy() >= 0.85, "test accuracy " + serial.testAccuracy());
        IrisSearch.Result parallel = IrisSearch.run(15, 2);
        for (int i = 0; i < r.size(); i++) assertArrayEquals(r.rows().get(i).scores(), parallel.results().rows().get(i).scores());
        assertEquals(serial.testAccuracy(), parallel.testAccuracy());
    }
}
