package io.keras4j.wrappers;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ParameterGridTest {
    private static List<Map<String, Object>> maps(ParameterGrid g) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Params p : g.settings()) out.add(p.asMap());
        return out;
    }

    @Test void scikitLearnDocumentedOrder() {
        // scikit-learn's ParameterGrid docstring: {'a': [1, 2], 'b': [True, False]}.
        ParameterGrid g = new ParameterGrid(Map.of("b", List.of(true, false), "a", List.of(1, 2)));
        assertEquals(List.of(Map.of("a", 1, "b", true), Map.of("a", 1, "b", false), Map.of("a", 2, "b", true), Map.of("a", 2, "b", false)), maps(g));
        assertEquals(4, g.size());
        assertEquals(Map.of("a", 2, "b", true), g.get(2).asMap());
        assertEquals(List.of("a", "b"), new ArrayList<>(g.get(0).asMap().keySet()), "names in sorted order");
    }

    @Test void listOfGridsIsExploredInTurn() {
        // scikit-learn's docstring: [{'kernel': ['linear']}, {'kernel': ['rbf'], 'gamma': [1, 10]}].
        ParameterGrid g = new ParameterGrid(List.of(Map.of("kernel", List.of("linear")), Map.of("kernel", List.of("rbf"), "gamma", List.of(1, 10))));
        assertEquals(List.of(Map.of("kernel", "linear"), Map.of("kernel", "rbf", "gamma", 1), Map.of("kernel", "rbf", "gamma", 10)), maps(g));
    }

    @Test void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ParameterGrid(Map.of()));
        assertTrue(e.getMessage().startsWith("Argument `param_grid` must name at least one parameter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ParameterGrid(Map.of("units", List.of())));
        assertEquals("Parameter grid for parameter 'units' needs to be a non-empty sequence, got: []", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParameterGrid(List.of()));
        assertThrows(IndexOutOfBoundsException.class, () -> new ParameterGrid(Map.of("a", List.of(1))).get(1));
    }
}
