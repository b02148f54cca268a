package io.keras4j.constraints;

import io.keras4j.autodiff.Variable;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConstraintsTest {
    @Test void namesGiveKerasDefaults() {
        assertEquals(2.0, ((MaxNorm) Constraints.get("max_norm")).maxValue());
        assertInstanceOf(NonNeg.class, Constraints.get("non_neg"));
        assertInstanceOf(NonNeg.class, Constraints.get("NonNeg"));
        assertArrayEquals(new int[] {0}, ((UnitNorm) Constraints.get("unit_norm")).axis());
        assertEquals(1.0, ((MinMaxNorm) Constraints.get("MinMaxNorm")).maxValue());
        assertNull(Constraints.get((String) null));
    }

    @Test void serializedDictsRoundTrip() {
        for (Constraint c : new Constraint[] {new MaxNorm(3, 1), new MaxNorm(3, 0, 1, 2), new MinMaxNorm(0.5, 2, 0.3, 1), new NonNeg(), new UnitNorm(1)}) {
            Constraint back = Constraints.get(c.serialize());
            assertEquals(c.getClass(), back.getClass());
            assertEquals(c.getConfig(), back.getConfig());
        }
        // Keras 2's form, as in dl4j's mnist_mlp_constraint config.
        MaxNorm m = (MaxNorm) Constraints.get(Map.of("class_name", "MaxNorm", "config", Map.of("max_value", 2.0, "axis", 0)));
        assertEquals(2.0, m.maxValue());
        MaxNorm conv = (MaxNorm) Constraints.get(Map.of("class_name", "MaxNorm", "config", Map.of("axis", List.of(0, 1, 2))));
        assertArrayEquals(new int[] {0, 1, 2}, conv.axis());
    }

    @Test void unknownIdentifiersFailAsInKeras() {
        var e = assertThrows(IllegalArgumentException.class, () -> Constraints.get("positive"));
        assertEquals("Could not interpret constraint identifier: positive", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Constraints.get(Map.of("class_name", "MaxNorm", "config", Map.of("m", 2))));
        assertThrows(IllegalArgumentException.class, () -> Constraints.get(Map.of("class_name", "MaxNorm", "config", Map.of("axis", "x"))));
    }

    @Test void theOptimizerProjectsAConstrainedVariableAfterItsUpdate() {
        Variable w = new Variable("w", Tensor.of(new double[] {1, 0.5, -2}), true);
        Variable free = new Variable("free", Tensor.of(new double[] {1, 0.5, -2}), true);
        w.setConstraint(new NonNeg());
        Tensor g = Tensor.of(new double[] {2, -1, -1});
        new SGD().learningRate(1).apply(List.of(g, g), List.of(w, free));
        // SGD: w - g = (-1, 1.5, -1); NonNeg then zeroes the negatives.
        assertArrayEquals(new double[] {0, 1.5, 0}, w.peek().toDoubleArray());
        assertArrayEquals(new double[] {-1, 1.5, -1}, free.peek().toDoubleArray());
    }
}
