package io.keras4j.wrappers;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SearchResultsTest {
    @Test void ranksAsScipyRankdataMin() {
        // rankdata(-[0.9, 0.95, 0.9, 0.5], method="min") = [2, 1, 2, 4]; NaN goes last.
        assertArrayEquals(new int[] {2, 1, 2, 4}, SearchResults.ranks(new double[] {0.9, 0.95, 0.9, 0.5}, true));
        assertArrayEquals(new int[] {2, 1, 2, 4}, SearchResults.ranks(new double[] {0.9, 0.95, 0.9, Double.NaN}, true));
        assertArrayEquals(new int[] {3, 2, 3, 1}, SearchResults.ranks(new double[] {0.9, 0.5, 0.9, 0.1}, false));
    }

    @Test void meanStdAndTable() {
        List<Params> settings = List.of(Params.of(Map.of("units", 4)), Params.of(Map.of("units", 8)));
        SearchResults r = new SearchResults("accuracy", true, 2, settings, new double[][] {{0.5, 0.7}, {0.9, 0.9}}, new double[] {1, 1});
        assertEquals(0.6, r.rows().get(0).mean(), 1e-12);
        assertEquals(0.1, r.rows().get(0).std(), 1e-12);
        assertEquals(0.0, r.rows().get(1).std());
        assertEquals(1, r.bestIndex());
        assertEquals(0.9, r.bestScore(), 1e-12);
        String[] lines = r.toString().split("\n");
        assertEquals("rank  units  mean_test_score  std_test_score", lines[1]);
        assertEquals("   1  8               0.9000          0.0000", lines[3]);
        assertEquals("   2  4               0.6000          0.1000", lines[4]);
    }
}
