package io.keras4j.regularizers;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RegularizersTest {
    @Test void namesGiveKerasDefaults() {
        assertEquals(0.01, ((L1) Regularizers.get("l1")).l1());
        assertEquals(0.01, ((L2) Regularizers.get("L2")).l2());
        L1L2 cls = (L1L2) Regularizers.get("L1L2");
        assertEquals(0.0, cls.l1());
        assertEquals(0.0, cls.l2());
        // Keras documents 'l1_l2' as l1=0.01 and l2=0.01.
        L1L2 alias = (L1L2) Regularizers.get("l1_l2");
        assertEquals(0.01, alias.l1());
        assertEquals(0.01, alias.l2());
        assertInstanceOf(OrthogonalRegularizer.class, Regularizers.get("orthogonal_regularizer"));
        assertNull(Regularizers.get((String) null));
    }

    @Test void serializedDictsRoundTrip() {
        for (Regularizer r : new Regularizer[] {new L1(0.5), new L2(0.25), new L1L2(0.1, 0.2), new OrthogonalRegularizer(0.3, "columns")}) {
            Regularizer back = Regularizers.get(r.serialize());
            assertEquals(r.getClass(), back.getClass());
            assertEquals(r.getConfig(), back.getConfig());
        }
        // As Keras 2 wrote it (dl4j's l1l2_regularizer_dense config), integers included.
        L1L2 k2 = (L1L2) Regularizers.get(Map.of("class_name", "L1L2", "config", Map.of("l1", 0, "l2", 0.0005000000237487257)));
        assertEquals(0.0, k2.l1());
        assertEquals(0.0005000000237487257, k2.l2());
    }

    @Test void unknownIdentifiersFailAsInKeras() {
        var e = assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l3"));
        assertEquals("Could not interpret regularizer identifier: l3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Regularizers.get(Map.of("class_name", "Nope", "config", Map.of())));
        var key = assertThrows(IllegalArgumentException.class, () -> Regularizers.get(Map.of("class_name", "L2", "config", Map.of("l3", 1))));
        assertTrue(key.getMessage().contains("'l3'"), key.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Regularizers.get((Object) 3));
    }
}
