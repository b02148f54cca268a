package io.keras4j.examples;

import io.keras4j.datasets.Digits;
import io.keras4j.datasets.Split;
import io.keras4j.wrappers.GridSearchCV;
import io.keras4j.wrappers.SearchResults;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid-search example's code path on the bundled digits, with fewer epochs. */
class GridSearchTest {

    @Test
    void searchesTheWholeGridAndRefitsTheBest() {
        Split data = GridSearch.flattened(Digits.loadData(0.2, GridSearch.SEED));
        GridSearchCV search = GridSearch.search(5);
        SearchResults r = search.fit(data.xTrain(), data.yTrain());
        assertEquals(8, r.size()); // 2 x 2 x 2 settings
        assertEquals(3, r.nSplits());
        assertTrue(search.bestScore() >= 0.9, "best cross-validation accuracy " + search.bestScore());
        double test = search.bestModel().evaluate(data.xTest(), data.yTest(), 32, 0).get("accuracy");
        assertTrue(test >= 0.9, "test accuracy " + test);
    }
}
